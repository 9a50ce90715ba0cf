import { PatRegenerateDialog } from './pat-regenerate-dialog.component.js';

export * from './pat-regenerate-dialog.component.js';
export default PatRegenerateDialog;

PatRegenerateDialog.define('pat-regenerate-dialog');

declare global {
  interface HTMLElementTagNameMap {
    'pat-regenerate-dialog': PatRegenerateDialog;
  }
}
