import { PatManager } from './pat-manager.component.js';

export * from './pat-manager.component.js';
export default PatManager;

PatManager.define('pat-manager');

declare global {
  interface HTMLElementTagNameMap {
    'pat-manager': PatManager;
  }
}
