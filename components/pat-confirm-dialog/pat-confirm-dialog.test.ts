import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type SlButton from '@shoelace-style/shoelace/dist/components/button/button.js';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import { LitElement } from 'lit';
import { ApiError } from '../api/api-error.js';
import { expectAccessible, until, expectSame } from '../../testing/fixture.js';
import { deepActive } from '../../testing/dom.js';
import { click, elapse, nextTask } from '../../testing/input.js';
import { strings } from '../i18n/strings.js';
import './pat-confirm-dialog.js';
import type { ConfirmOptions, PatConfirmDialog } from './pat-confirm-dialog.component.js';

/** Identity check that names elements: a failing chai equal() on a live element hangs the runner. */
/** A host element whose button lives in its shadow root, as the trigger does in pat-table. */
class TestShadowTrigger extends LitElement {
  override render() {
    return html`<button type="button">Delete in a shadow root</button>`;
  }
}
customElements.define('test-shadow-trigger', TestShadowTrigger);

const OPTIONS: ConfirmOptions = {
  title: 'Delete token?',
  message: '"CI deploy" will be deleted for good.',
  confirmLabel: 'Delete',
};

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

interface Parts {
  dialog: SlDialog;
  message: HTMLElement;
  confirm: SlButton;
  cancel: SlButton;
}

function parts(element: PatConfirmDialog): Parts {
  const root = element.shadowRoot!;
  return {
    dialog: root.querySelector('sl-dialog')!,
    message: root.querySelector('[part="message"]')!,
    confirm: root.querySelector('[part="confirm"]')!,
    cancel: root.querySelector('[part="cancel"]')!,
  };
}

function errorText(element: PatConfirmDialog): string | undefined {
  return element.shadowRoot!.querySelector('sl-alert')?.textContent?.trim();
}

/** Settles with the outcome, so a test can check whether it settled yet. */
function track(promise: Promise<boolean>) {
  const state: { done: boolean; value?: boolean } = { done: false };
  void promise.then((value) => Object.assign(state, { done: true, value }));
  return state;
}

async function mountDialog() {
  const wrapper = await fixture<HTMLElement>(html`
    <div>
      <button id="trigger" type="button">Delete</button>
      <test-shadow-trigger></test-shadow-trigger>
      <pat-confirm-dialog></pat-confirm-dialog>
    </div>
  `);
  const element = wrapper.querySelector('pat-confirm-dialog')!;
  const trigger = wrapper.querySelector<HTMLButtonElement>('#trigger')!;
  const shadowHost = wrapper.querySelector<TestShadowTrigger>('test-shadow-trigger')!;
  await element.updateComplete;
  await shadowHost.updateComplete;
  return { element, trigger, shadowTrigger: shadowHost.shadowRoot!.querySelector('button')! };
}

/** Opens the dialog from `trigger` (focused, as after a click) and waits until it is shown. */
async function open(element: PatConfirmDialog, options: ConfirmOptions, trigger?: HTMLElement, passTrigger = true) {
  trigger?.focus();
  const shown = oneEvent(parts(element).dialog, 'sl-after-show');
  const result = element.confirm(options, passTrigger ? trigger : undefined);
  await shown;
  return { result, state: track(result) };
}

async function hidden(element: PatConfirmDialog): Promise<void> {
  await until(
    () => !parts(element).dialog.open && parts(element).dialog.shadowRoot!.querySelector<HTMLElement>('.dialog')!.hidden,
    'the dialog to close',
  );
  // Shoelace gives focus back in a timer it sets as it hides.
  await nextTask();
}

describe('<pat-confirm-dialog>', () => {
  afterEach(async () => {
    await resetMouse();
  });

  it('is closed until confirm() is called', async () => {
    const { element } = await mountDialog();
    expect(parts(element).dialog.open).to.equal(false);
  });

  it('confirm() opens it with the title, message and confirm label, and it is accessible', async () => {
    const { element, trigger } = await mountDialog();
    await open(element, OPTIONS, trigger);
    const { dialog, message, confirm, cancel } = parts(element);
    expect(dialog.open).to.equal(true);
    expect(dialog.label).to.equal(OPTIONS.title);
    expect(dialog.shadowRoot!.querySelector('[part="title"]')!.textContent!.trim()).to.equal(OPTIONS.title);
    expect(message.textContent).to.equal(OPTIONS.message);
    expect(confirm.textContent!.trim()).to.equal(OPTIONS.confirmLabel);
    expect(confirm.variant).to.equal('danger');
    expect(cancel.textContent!.trim()).to.equal(strings.cancel);
    expect(errorText(element)).to.equal(undefined);
    await expectAccessible(element);
  });

  it('Cancel resolves false, runs no action, closes and gives focus back to the trigger', async () => {
    const { element, trigger } = await mountDialog();
    let runs = 0;
    const { result } = await open(element, { ...OPTIONS, action: async () => void runs++ }, trigger);
    await click(parts(element).cancel);
    expect(await result).to.equal(false);
    await hidden(element);
    expect(runs).to.equal(0);
    expectSame(document.activeElement, trigger, 'focus');
  });

  it('Escape resolves false, runs no action and gives focus back to the trigger', async () => {
    const { element, trigger } = await mountDialog();
    let runs = 0;
    const { result } = await open(element, { ...OPTIONS, action: async () => void runs++ }, trigger);
    await sendKeys({ press: 'Escape' });
    expect(await result).to.equal(false);
    await hidden(element);
    expect(runs).to.equal(0);
    expectSame(document.activeElement, trigger, 'focus');
  });

  it('a click on the overlay does not close it', async () => {
    const { element, trigger } = await mountDialog();
    const { state } = await open(element, OPTIONS, trigger);
    await sendMouse({ type: 'click', position: [5, 5] });
    await elapse(300, 'a click on the overlay must neither close the dialog nor settle confirm()');
    expect(parts(element).dialog.open).to.equal(true);
    expect(state.done).to.equal(false);
    await click(parts(element).cancel);
    await hidden(element);
    expect(state).to.deep.equal({ done: true, value: false });
  });

  it('without an action, confirming resolves true and closes', async () => {
    const { element, trigger } = await mountDialog();
    const { result } = await open(element, OPTIONS, trigger);
    await click(parts(element).confirm);
    expect(await result).to.equal(true);
    await hidden(element);
    expectSame(document.activeElement, trigger, 'focus');
  });

  it('confirming runs the action, is busy until it settles, then resolves true and closes', async () => {
    const { element, trigger } = await mountDialog();
    const work = deferred();
    let runs = 0;
    const { result, state } = await open(
      element,
      {
        ...OPTIONS,
        action: () => {
          runs++;
          return work.promise;
        },
      },
      trigger,
    );
    await click(parts(element).confirm);
    await element.updateComplete;
    expect(runs).to.equal(1);
    const { confirm, cancel, dialog } = parts(element);
    expect(confirm.loading).to.equal(true);
    expect(cancel.disabled).to.equal(true);
    expect(state.done).to.equal(false);

    // Busy: neither Escape nor a second click abandons or repeats the action.
    await sendKeys({ press: 'Escape' });
    await click(confirm);
    await elapse(100, 'while the action runs, Escape and a second click must neither close the dialog nor run it again');
    expect(dialog.open).to.equal(true);
    expect(state.done).to.equal(false);
    expect(runs).to.equal(1);

    work.resolve();
    expect(await result).to.equal(true);
    await hidden(element);
    expect(confirm.loading).to.equal(false);
    expectSame(document.activeElement, trigger, 'focus');
  });

  it('an action that fails shows its message, stays open, and a second confirm can succeed', async () => {
    const { element, trigger } = await mountDialog();
    let runs = 0;
    const { result, state } = await open(
      element,
      {
        ...OPTIONS,
        action: async () => {
          runs++;
          if (runs === 1) throw new ApiError(500, 'internal', 'Something went wrong on our side. Please try again.');
        },
      },
      trigger,
    );
    await click(parts(element).confirm);
    await until(() => errorText(element), 'the error');
    expect(errorText(element)).to.equal('Something went wrong on our side. Please try again.');
    expect(parts(element).dialog.open).to.equal(true);
    expect(parts(element).confirm.loading).to.equal(false);
    expect(parts(element).cancel.disabled).to.equal(false);
    expect(state.done).to.equal(false);
    await expectAccessible(element);

    await click(parts(element).confirm);
    expect(await result).to.equal(true);
    expect(runs).to.equal(2);
    await hidden(element);
    expectSame(document.activeElement, trigger, 'focus');
  });

  it('the error is announced', async () => {
    const { element, trigger } = await mountDialog();
    await open(element, { ...OPTIONS, action: () => Promise.reject(new Error('Nope.')) }, trigger);
    await click(parts(element).confirm);
    await until(() => errorText(element), 'the error');
    const alert = element.shadowRoot!.querySelector('sl-alert')!;
    await alert.updateComplete;
    const live = alert.getAttribute('role') === 'alert' || alert.shadowRoot!.querySelector('[role="alert"], [aria-live]') !== null;
    expect(live).to.equal(true);
  });

  it('opening it again clears the last error', async () => {
    const { element, trigger } = await mountDialog();
    const first = await open(element, { ...OPTIONS, action: () => Promise.reject(new Error('Nope.')) }, trigger);
    await click(parts(element).confirm);
    await until(() => errorText(element), 'the error');
    await click(parts(element).cancel);
    expect(await first.result).to.equal(false);
    await hidden(element);
    await open(element, { ...OPTIONS, title: 'Revoke token?', confirmLabel: 'Revoke' }, trigger);
    expect(errorText(element)).to.equal(undefined);
    expect(parts(element).dialog.label).to.equal('Revoke token?');
    expect(parts(element).confirm.textContent!.trim()).to.equal('Revoke');
  });

  it('gives focus back to what had it when no trigger is passed', async () => {
    const { element, trigger } = await mountDialog();
    const { result } = await open(element, OPTIONS, trigger, false);
    await sendKeys({ press: 'Escape' });
    await result;
    await hidden(element);
    expectSame(document.activeElement, trigger, 'focus');
  });

  it('gives focus back to a trigger inside a shadow root when no trigger is passed', async () => {
    const { element, shadowTrigger } = await mountDialog();
    const { result } = await open(element, OPTIONS, shadowTrigger, false);
    await sendKeys({ press: 'Escape' });
    await result;
    await hidden(element);
    expectSame(deepActive(), shadowTrigger, 'focus');
  });
});
