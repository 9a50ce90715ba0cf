import { PatTable } from './pat-table.component.js';

export * from './pat-table.component.js';
export default PatTable;

PatTable.define('pat-table');

declare global {
  interface HTMLElementTagNameMap {
    'pat-table': PatTable;
  }
}
