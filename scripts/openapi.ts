/**
 * Writes the API document to openapi.json at the repository root (`npm run build:openapi`): the
 * committed copy the package ships as `pat-kit/openapi.json`. contract/openapi.test.ts fails when
 * it is not what the schemas generate today.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../contract/openapi.js';

const root = new URL('..', import.meta.url).pathname;
writeFileSync(join(root, 'openapi.json'), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
