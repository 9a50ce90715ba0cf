/**
 * Real input for the browser tests: the mouse and keyboard of the test runner, used as a person
 * would (Shoelace selects included), the pat-* events an element sends, and the named waits.
 */
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import type SlTextarea from '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import type { PatEventMap } from '../components/common/events.js';
import { composedContains, deepElementAt, nextEvent, text } from './dom.js';
import { until } from './fixture.js';

/** `<tag> "its text"`, to name an element in an error. */
function nameOf(element: Element): string {
  const label = text(element).slice(0, 30);
  return label ? `<${element.localName}> "${label}"` : `<${element.localName}>`;
}

/** The centre of `element` in the viewport; fails for an element with a zero-size box. */
function centreOf(element: Element): [number, number] {
  const rect = element.getBoundingClientRect();
  if (rect.width === 0 || rect.height === 0) {
    throw new Error(`cannot click ${nameOf(element)}: it is invisible (its box is ${rect.width}×${rect.height})`);
  }
  return [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)];
}

/** Clicks the centre of `element` with the real mouse, scrolled into view first when it is not there; fails when it has no size or something covers it. */
export async function click(element: Element): Promise<void> {
  let [x, y] = centreOf(element);
  // Out of the viewport, or scrolled out of a scrolling box (such as a listbox): scroll, as a person would.
  if (!composedContains(element, deepElementAt(x, y))) {
    element.scrollIntoView({ block: 'center', inline: 'center' });
    [x, y] = centreOf(element);
  }
  const hit = deepElementAt(x, y);
  if (!composedContains(element, hit)) {
    throw new Error(`cannot click ${nameOf(element)}: ${hit ? nameOf(hit) : 'nothing'} is at its centre (${x}, ${y})`);
  }
  await sendMouse({ type: 'click', position: [x, y] });
}

/** Types `keys` with the real keyboard into an sl-input, sl-textarea or native input, after a real click on it. */
export async function typeInto(field: SlInput | SlTextarea | HTMLInputElement, keys: string): Promise<void> {
  await click(field);
  field.focus();
  await sendKeys({ type: keys });
}

/** Replaces what the focused field holds with `keys` (select all, delete, type). */
export async function replaceText(keys: string): Promise<void> {
  await sendKeys({ press: 'Control+A' });
  await sendKeys({ press: 'Backspace' });
  if (keys) await sendKeys({ type: keys });
}

const recordings: (() => void)[] = [];

// Every recording stops after its test, so a listener on `document` does not outlive it.
afterEach(() => {
  while (recordings.length) recordings.pop()!();
});

/** Records every `name` event (of PatEventMap) that reaches `target` during the current test. */
export function record<K extends keyof PatEventMap>(target: EventTarget, name: K): CustomEvent<PatEventMap[K]>[] {
  const events: CustomEvent<PatEventMap[K]>[] = [];
  const listener = (event: Event) => events.push(event as CustomEvent<PatEventMap[K]>);
  target.addEventListener(name, listener);
  recordings.push(() => target.removeEventListener(name, listener));
  return events;
}

const optionValues = (select: SlSelect) => [...select.querySelectorAll('sl-option')].map((option) => option.getAttribute('value'));

/** The sl-option of `select` for `value`, once it is there (options may come with a catalog). */
async function optionOf(select: SlSelect, value: string): Promise<HTMLElement> {
  const find = () => select.querySelector<HTMLElement>(`sl-option[value="${value}"]`);
  try {
    await until(find, `option ${value}`);
  } catch {
    throw new Error(`no option "${value}" in the select (it offers: ${optionValues(select).join(', ') || 'nothing'})`);
  }
  return find()!;
}

/** Opens an sl-select with a real click; resolves once it is shown (sl-after-show). */
export async function openSelect(select: SlSelect): Promise<void> {
  const shown = nextEvent(select, 'sl-after-show');
  await click(select);
  await shown;
}

/** Chooses `value` in a single sl-select with real clicks; resolves once it has closed (sl-after-hide) with that value. */
export async function chooseOne(select: SlSelect, value: string): Promise<void> {
  const option = await optionOf(select, value);
  await openSelect(select);
  const hidden = nextEvent(select, 'sl-after-hide');
  await click(option);
  await hidden;
  await until(() => select.value === value, `option ${value} chosen`);
}

/** Ticks `values` in a multiple sl-select with real clicks, then closes it (sl-after-hide) with Escape, or with a click on `outside` inside a dialog (Escape would close that too). */
export async function chooseMany(select: SlSelect, values: string[], outside?: Element): Promise<void> {
  const options = [];
  for (const value of values) options.push(await optionOf(select, value));
  await openSelect(select);
  for (const [index, value] of values.entries()) {
    await click(options[index]!);
    await until(() => (select.value as string[]).includes(value), `option ${value} ticked`);
  }
  const hidden = nextEvent(select, 'sl-after-hide');
  if (outside) await click(outside);
  else await sendKeys({ press: 'Escape' });
  await hidden;
}

/** Resolves in a new task: after the pending microtasks (promise reactions, Lit updates) and the zero-delay timers already set. */
export function nextTask(): Promise<void> {
  // Timers of equal delay run in the order they were set: this one runs after those (a Shoelace
  // dialog sets one to give focus back as it hides), and every microtask runs before a timer.
  return new Promise((resolve) => setTimeout(resolve));
}

/** Lets `ms` pass on purpose: the window in which what `why` names must not happen (or must keep holding). */
export async function elapse(ms: number, why: string): Promise<void> {
  if (!why.trim()) throw new Error('elapse() needs the reason for its wait');
  await new Promise((resolve) => setTimeout(resolve, ms));
}
