import { ContextRoot, createContext } from '@lit/context';
import type { PatApi } from './pat-api.js';

/** The API client every element consumes; `<pat-api-provider>` (or a host) provides it. */
export const patApiContext = createContext<PatApi>(Symbol('pat-api'));

// A host that loads single tags may define an element before <pat-api-provider>: its request for
// the client finds no provider yet. The root keeps such requests and replays them when a
// provider appears.
if (typeof document !== 'undefined') new ContextRoot().attach(document.documentElement);
