import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * The folder of the installed `swagger-ui-dist`, an optional peer dependency, or undefined when
 * it is not installed. Resolved when the reference page is first asked for, never at import:
 * a host without it loses only that page.
 */
export function locateSwaggerUi(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  } catch {
    return undefined;
  }
}
