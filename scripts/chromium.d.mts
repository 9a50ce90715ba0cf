/** Types of chromium.mjs, for the TypeScript that launches Chromium (e2e, bench). */
export declare const CHROMIUM_ARGS: string[];
export declare function chromiumPath(): string;
export declare function findChromium(): string;
