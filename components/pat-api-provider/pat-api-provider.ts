import { PatApiProvider } from './pat-api-provider.component.js';

export * from './pat-api-provider.component.js';
export default PatApiProvider;

PatApiProvider.define('pat-api-provider');

declare global {
  interface HTMLElementTagNameMap {
    'pat-api-provider': PatApiProvider;
  }
}
