import { PatActivity } from './pat-activity.component.js';

export * from './pat-activity.component.js';
export default PatActivity;

PatActivity.define('pat-activity');

declare global {
  interface HTMLElementTagNameMap {
    'pat-activity': PatActivity;
  }
}
