/**
 * custom-elements.json is generated from the elements' class JSDoc (`npm run build:manifest`) and
 * committed, so the package and editors read the public API as the code states it; jsx.d.ts and
 * the React components' event props follow from it. It fails here when an element's API changed
 * and they were not generated (or updated) again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { ELEMENT_EVENTS } from '../components/react/element-events.js';
import { output } from './server.js';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'pat-kit-manifest-'));
after(() => rmSync(out, { recursive: true, force: true }));

interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  events?: { name: string; type?: { text: string } }[];
  attributes?: { name: string }[];
  cssParts?: { name: string }[];
  members?: { name: string; privacy?: string }[];
}
type Manifest = { modules: { path: string; declarations?: Declaration[] }[] };

function elements(manifest: Manifest): Declaration[] {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName);
}

describe('custom-elements.json', () => {
  const committed = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as Manifest;

  it('is what the JSDoc generates today (run `npm run build:manifest` when this fails)', async () => {
    // The analyzer resolves --outdir against the working directory.
    await output(process.execPath, [
      join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'),
      'analyze',
      '--config',
      'custom-elements-manifest.config.mjs',
      '--outdir',
      relative(root, out),
    ]);
    const generated = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as Manifest;
    assert.deepEqual(committed, generated);
  });

  it('describes every element under its tag, with its events, attributes and parts, and no private members', () => {
    const byTag = new Map(elements(committed).map((element) => [element.tagName!, element]));
    assert.deepEqual([...byTag.keys()].sort(), [
      'pat-activity',
      'pat-api-provider',
      'pat-confirm-dialog',
      'pat-create-form',
      'pat-detail',
      'pat-duration-picker',
      'pat-manager',
      'pat-regenerate-dialog',
      'pat-scope-editor',
      'pat-secret-banner',
      'pat-table',
      'pat-usage-chart',
      'pat-user-menu',
    ]);
    for (const element of byTag.values()) {
      assert.ok(
        element.cssParts?.some((part) => part.name === 'base'),
        `${element.tagName} documents no base part`,
      );
      assert.deepEqual(
        element.members?.filter((member) => member.privacy || member.name.startsWith('#')) ?? [],
        [],
        `${element.tagName} lists non-public members`,
      );
    }
    const table = byTag.get('pat-table')!;
    assert.ok(table.events!.some((event) => event.name === 'pat-select'));
    assert.ok(table.attributes!.some((attribute) => attribute.name === 'page-size'));
  });

  it('types every event with its detail from PatEventMap', () => {
    for (const element of elements(committed)) {
      for (const event of element.events ?? []) {
        assert.equal(event.type?.text, `CustomEvent<PatEventMap['${event.name}']>`, `${element.tagName}: @event ${event.name}`);
      }
    }
  });

  it('gives each React component an on… prop for every event its element documents', () => {
    const documented = Object.fromEntries(
      elements(committed).map((element) => [element.tagName!, (element.events ?? []).map((event) => event.name)]),
    );
    assert.deepEqual(ELEMENT_EVENTS, documented, 'components/react/element-events.ts and the @event JSDoc disagree');
  });
});

describe('jsx.d.ts', () => {
  it('is what custom-elements.json generates today (run `npm run build:jsx` when this fails)', async () => {
    await output(process.execPath, [join(root, 'scripts/jsx-types.mjs'), join(out, 'jsx.d.ts')]);
    assert.equal(readFileSync(join(root, 'jsx.d.ts'), 'utf8'), readFileSync(join(out, 'jsx.d.ts'), 'utf8'));
  });
});
