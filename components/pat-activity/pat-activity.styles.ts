import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .base {
    --icon-size: var(--pat-activity-icon-size, 1.75rem);
  }
  .timeline {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .timeline[aria-busy='true'] {
    opacity: 0.55;
  }
  .event {
    position: relative;
    display: flex;
    gap: var(--sl-spacing-small);
    padding-block-end: var(--sl-spacing-medium);
    border-radius: var(--sl-border-radius-medium);
  }
  /* The line from each icon down to the next. */
  .event:not(:last-child)::before {
    content: '';
    position: absolute;
    inset-block: var(--icon-size) 0;
    inset-inline-start: calc(var(--icon-size) / 2 - 1px);
    width: 2px;
    background: var(--sl-color-neutral-200);
  }
  .icon {
    position: relative;
    flex: none;
    display: flex;
    align-items: center;
    justify-content: center;
    width: var(--icon-size);
    height: var(--icon-size);
    border-radius: var(--sl-border-radius-circle);
    background: var(--sl-color-neutral-100);
    color: var(--sl-color-neutral-700);
  }
  .icon svg {
    width: 50%;
    height: 50%;
  }
  .icon[data-tone='primary'] {
    background: var(--sl-color-primary-100);
    color: var(--sl-color-primary-700);
  }
  .icon[data-tone='success'] {
    background: var(--sl-color-success-100);
    color: var(--sl-color-success-700);
  }
  .icon[data-tone='warning'] {
    background: var(--sl-color-warning-100);
    color: var(--sl-color-warning-700);
  }
  .icon[data-tone='danger'] {
    background: var(--sl-color-danger-100);
    color: var(--sl-color-danger-700);
  }
  .body {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-3x-small);
    min-width: 0;
    padding-block-start: calc((var(--icon-size) - 1lh) / 2);
  }
  .pat-name {
    font-weight: var(--sl-font-weight-semibold);
    word-break: break-word;
  }
  .sentence {
    word-break: break-word;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    column-gap: var(--sl-spacing-small);
    color: var(--sl-color-neutral-600);
    font-size: var(--sl-font-size-small);
  }
  .agent {
    min-width: 0;
    overflow-wrap: anywhere;
    font-size: var(--sl-font-size-x-small);
    align-self: center;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--sl-spacing-small);
    color: var(--sl-color-neutral-600);
    font-size: var(--sl-font-size-small);
  }
  .error {
    color: var(--sl-color-danger-700);
  }
  .loading sl-skeleton {
    width: 70%;
  }
`;
