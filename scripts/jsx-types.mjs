// jsx.d.ts from custom-elements.json: each tag's props (its public properties, its attributes
// whose names differ, and an `on<event>` handler per event, typed by the event's JSDoc type) for
// the `IntrinsicElements` of React 19, Preact or Solid. Run by `npm run build:manifest`; writes
// jsx.d.ts, or the file named as the first argument (the staleness test writes elsewhere).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const out = process.argv[2] ?? join(root, 'jsx.d.ts');

const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.customElement && declaration.tagName)
  .sort((a, b) => (a.tagName < b.tagName ? -1 : 1));

/** A JSDoc comment, indented, or nothing. */
function doc(text, indent = '') {
  if (!text) return '';
  const lines = text.replaceAll('*/', '*\\/').split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

/** The properties a host may set: public, writable instance fields. */
function fieldsOf(element) {
  return (element.members ?? []).filter((member) => member.kind === 'field' && !member.static && !member.readonly && !member.privacy);
}

function props(element) {
  const lines = fieldsOf(element).map((field) => `${doc(field.description, '  ')}  ${field.name}?: ${element.name}['${field.name}'];`);
  // A property is also settable by its attribute; only the attributes named otherwise need a prop.
  for (const attribute of element.attributes ?? []) {
    if (attribute.name !== attribute.fieldName)
      lines.push(`${doc(attribute.description, '  ')}  '${attribute.name}'?: ${element.name}['${attribute.fieldName}'];`);
  }
  // `on` + the event's name is what React 19, Preact and Solid listen to on a custom element.
  for (const event of element.events ?? []) {
    if (!event.type?.text)
      throw new Error(`${element.tagName}: @event ${event.name} names no type ({CustomEvent<PatEventMap['${event.name}']>})`);
    lines.push(`${doc(event.description, '  ')}  'on${event.name}'?: (event: ${event.type.text}) => void;`);
  }
  const summary = doc(`\`<${element.tagName}>\`: ${element.summary}`);
  if (lines.length === 0) return `${summary}export type ${element.name}Props = object;\n`;
  return `${summary}export interface ${element.name}Props {\n${lines.join('\n')}\n}\n`;
}

// The props are typed from the element classes (every attribute belongs to a field).
const classes = elements.filter((element) => fieldsOf(element).length > 0).map((element) => element.name);

const source = `// Generated from custom-elements.json by scripts/jsx-types.mjs (npm run build:manifest): do not edit.
import type { PatEventMap, ${classes.join(', ')} } from './dist/lib/types/components/index.js';

${elements.map(props).join('\n')}
/** Every PAT Kit tag with its props. */
export interface PatKitElements {
${elements.map((element) => `  '${element.tagName}': ${element.name}Props;`).join('\n')}
}

/**
 * The tags for a framework's \`JSX.IntrinsicElements\`, each with \`Base\`: the framework's own
 * attributes of any element (\`children\`, \`class\`, \`ref\`, …).
 */
export type PatKitIntrinsicElements<Base = object> = { [Tag in keyof PatKitElements]: Base & PatKitElements[Tag] };
`;

writeFileSync(out, source);
