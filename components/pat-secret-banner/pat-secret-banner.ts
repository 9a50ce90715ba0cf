import { PatSecretBanner } from './pat-secret-banner.component.js';

export * from './pat-secret-banner.component.js';
export default PatSecretBanner;

PatSecretBanner.define('pat-secret-banner');

declare global {
  interface HTMLElementTagNameMap {
    'pat-secret-banner': PatSecretBanner;
  }
}
