import { PatDurationPicker } from './pat-duration-picker.component.js';

export * from './pat-duration-picker.component.js';
export default PatDurationPicker;

PatDurationPicker.define('pat-duration-picker');

declare global {
  interface HTMLElementTagNameMap {
    'pat-duration-picker': PatDurationPicker;
  }
}
