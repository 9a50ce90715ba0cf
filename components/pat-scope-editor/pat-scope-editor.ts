import { PatScopeEditor } from './pat-scope-editor.component.js';

export * from './pat-scope-editor.component.js';
export default PatScopeEditor;

PatScopeEditor.define('pat-scope-editor');

declare global {
  interface HTMLElementTagNameMap {
    'pat-scope-editor': PatScopeEditor;
  }
}
