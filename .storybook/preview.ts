/// <reference types="vite/client" />
/**
 * Storybook's preview: Shoelace's light and dark themes, its assets at /shoelace (see main.ts),
 * and the annotations every story shares (theme toolbar, MSW scenario, API provider).
 */
import '@shoelace-style/shoelace/dist/themes/light.css';
import '@shoelace-style/shoelace/dist/themes/dark.css';
import { setBasePath } from '@shoelace-style/shoelace/dist/utilities/base-path.js';
import type { Preview } from '@storybook/web-components-vite';
import annotations from './annotations.js';

setBasePath('/shoelace');

const preview = {
  ...annotations,
} satisfies Preview;

export default preview;
