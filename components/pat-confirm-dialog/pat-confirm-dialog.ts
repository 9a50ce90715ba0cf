import { PatConfirmDialog } from './pat-confirm-dialog.component.js';

export * from './pat-confirm-dialog.component.js';
export default PatConfirmDialog;

PatConfirmDialog.define('pat-confirm-dialog');

declare global {
  interface HTMLElementTagNameMap {
    'pat-confirm-dialog': PatConfirmDialog;
  }
}
