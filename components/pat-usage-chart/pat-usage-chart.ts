import { PatUsageChart } from './pat-usage-chart.component.js';

export * from './pat-usage-chart.component.js';
export default PatUsageChart;

PatUsageChart.define('pat-usage-chart');

declare global {
  interface HTMLElementTagNameMap {
    'pat-usage-chart': PatUsageChart;
  }
}
