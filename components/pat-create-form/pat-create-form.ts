import { PatCreateForm } from './pat-create-form.component.js';

export * from './pat-create-form.component.js';
export default PatCreateForm;

PatCreateForm.define('pat-create-form');

declare global {
  interface HTMLElementTagNameMap {
    'pat-create-form': PatCreateForm;
  }
}
