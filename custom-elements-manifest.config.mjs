/**
 * `custom-elements.json`, generated from the elements' class JSDoc (@tagname, @summary, @event,
 * @slot, @csspart, @cssproperty) and their Lit properties. `npm run build:manifest` writes it; a
 * test fails when the committed copy is stale.
 */

/**
 * The manifest documents the public API: private, protected and #private members are left out;
 * modules in path order, so that every checkout generates the same file.
 */
const publicApiInOrder = {
  name: 'pat-kit-public-api-in-order',
  packageLinkPhase({ customElementsManifest }) {
    // Modules come in the order the file system lists them, which differs between checkouts.
    customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (!declaration.members) continue;
        declaration.members = declaration.members.filter(
          (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#'),
        );
      }
    }
  },
};

export default {
  globs: ['components/*/*.component.ts', 'components/common/pat-element.ts', 'components/common/pat-api-element.ts'],
  exclude: ['**/*.test.ts'],
  litelement: true,
  packagejson: false,
  plugins: [publicApiInOrder],
};
