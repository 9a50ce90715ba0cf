/** The API reference page: Swagger UI from the installed swagger-ui-dist, on the API document. */

/** The files of swagger-ui-dist the page loads; nothing else of the package is served. */
export const SWAGGER_UI_ASSETS = new Set(['swagger-ui.css', 'index.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);

/**
 * Exactly what the page needs, from this server only: its scripts and styles, Swagger UI's
 * icons (data: URLs in its CSS), and requests to the API ("Try it out").
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Starts Swagger UI on the document the page names. A script of its own, as the CSP runs no
 * inline script; no validator badge (it would ask a server elsewhere).
 */
export const DOCS_INIT_SCRIPT = `const root = document.getElementById('swagger-ui');
window.ui = SwaggerUIBundle({ url: root.dataset.document, domNode: root, deepLinking: true, validatorUrl: null });
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The page for the API mounted at `base` (`/api`), every URL absolute so `/docs` and `/docs/` both work. */
export function docsPage(base: string): string {
  const at = escapeHtml(base);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PAT Kit API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" type="image/png" href="${at}/docs/favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="${at}/docs/favicon-16x16.png" sizes="16x16">
<link rel="stylesheet" href="${at}/docs/swagger-ui.css">
<link rel="stylesheet" href="${at}/docs/index.css">
</head><body>
<div id="swagger-ui" data-document="${at}/openapi.json"></div>
<script src="${at}/docs/swagger-ui-bundle.js"></script>
<script src="${at}/docs/init.js"></script>
</body></html>
`;
}
