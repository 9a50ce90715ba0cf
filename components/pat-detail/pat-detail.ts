import { PatDetail } from './pat-detail.component.js';

export * from './pat-detail.component.js';
export default PatDetail;

PatDetail.define('pat-detail');

declare global {
  interface HTMLElementTagNameMap {
    'pat-detail': PatDetail;
  }
}
