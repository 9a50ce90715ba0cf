import { createContext } from '@lit/context';
import type { PatApi } from './pat-api.js';

/** The API client every element consumes; `<pat-api-provider>` (or a host) provides it. */
export const patApiContext = createContext<PatApi>(Symbol('pat-api'));
