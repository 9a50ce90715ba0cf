import { PatUserMenu } from './pat-user-menu.component.js';

export * from './pat-user-menu.component.js';
export default PatUserMenu;

PatUserMenu.define('pat-user-menu');

declare global {
  interface HTMLElementTagNameMap {
    'pat-user-menu': PatUserMenu;
  }
}
