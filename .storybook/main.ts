/// <reference types="node" />
/**
 * Storybook for PAT Kit's elements. Everything is served from this machine: the stories'
 * API is MSW (public/mockServiceWorker.js) and Shoelace's icons come from node_modules.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  staticDirs: [
    // The MSW worker must be served from the root, or its scope misses every request.
    '../public',
    { from: '../node_modules/@shoelace-style/shoelace/dist/assets', to: '/shoelace/assets' },
  ],
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Storybook merges in the project's vite.config.ts, which is the demo's: its root (demo/),
    // public dir, icon plugin and dev server port are not Storybook's. Keep only the rest.
    const { server, plugins = [], ...rest } = viteConfig;
    const { host: _host, port: _port, ...serverRest } = server ?? {};
    return {
      ...rest,
      root,
      publicDir: false,
      server: serverRest,
      // The preview's main chunk is Storybook's own runtime: large, and loaded from this machine.
      build: { ...rest.build, chunkSizeWarningLimit: 2048 },
      plugins: plugins.filter(
        (plugin) => !(plugin && typeof plugin === 'object' && 'name' in plugin && plugin.name === 'pat-kit-shoelace-icons'),
      ),
    };
  },
};

export default config;
