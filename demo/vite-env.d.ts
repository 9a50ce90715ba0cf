/// <reference types="vite/client" />

/** True only under `vite` (`npm run dev`): the demo answers itself from MSW's mocks. See vite.config.ts. */
declare const __PAT_KIT_MOCKS__: boolean;
