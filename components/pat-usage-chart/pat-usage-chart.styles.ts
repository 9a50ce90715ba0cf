import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  /* Positioned: the hidden table is measured against it. */
  .base {
    position: relative;
    --allowed: var(--pat-usage-allowed-color, var(--sl-color-success-600));
    --denied: var(--pat-usage-denied-color, var(--sl-color-danger-600));
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-2x-small);
  }
  .chart {
    height: var(--pat-usage-chart-height, 5rem);
  }
  svg {
    display: block;
    width: 100%;
    height: 100%;
  }
  .track {
    fill: var(--sl-color-neutral-100);
  }
  .allowed {
    fill: var(--allowed);
  }
  .denied {
    fill: var(--denied);
  }
  g:hover .track {
    fill: var(--sl-color-neutral-200);
  }
  .axis {
    display: flex;
    justify-content: space-between;
    color: var(--sl-color-neutral-600);
    font-size: var(--sl-font-size-x-small);
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--sl-spacing-2x-small) var(--sl-spacing-medium);
  }
  .summary,
  .legend,
  .empty {
    margin: 0;
  }
  .empty {
    color: var(--sl-color-neutral-700);
  }
  .legend {
    display: flex;
    gap: var(--sl-spacing-small);
    color: var(--sl-color-neutral-700);
    font-size: var(--sl-font-size-small);
  }
  .key {
    display: inline-flex;
    align-items: center;
    gap: var(--sl-spacing-2x-small);
  }
  .key::before {
    content: '';
    width: 0.75em;
    height: 0.75em;
    border-radius: var(--sl-border-radius-small);
    background: var(--allowed);
  }
  .key.denied::before {
    background: var(--denied);
  }
  .loading sl-skeleton {
    height: var(--pat-usage-chart-height, 5rem);
    --border-radius: var(--sl-border-radius-medium);
  }
`;
