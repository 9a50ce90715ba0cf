/**
 * Every story of stories/*.stories.ts, rendered the way Storybook renders it — project
 * annotations from .storybook/annotations.ts (theme, MSW scenario loader, API provider), then the
 * meta's and the story's args, parameters, globals, loaders, decorators, render and play — and
 * checked: it renders without a console.error and axe finds nothing, loaded (or, on the `slow`
 * scenario, still loading).
 *
 * Storybook's own composeStories cannot load here: storybook/preview-api pulls in CommonJS
 * (aria-query through @testing-library/dom) that web-test-runner does not convert. So this file
 * composes the CSF itself, the same way. Every stories module is imported by name: add new ones
 * to STORY_MODULES.
 */
import { expect } from '@open-wc/testing';
import { render as litRender, nothing } from 'lit';
import { isTemplateResult } from 'lit/directive-helpers.js';
import type { LifeCycleEventsMap } from 'msw';
import annotations, { mockWorker, type PatStoryParameters } from '../.storybook/annotations.js';
// The fixture also filters Chromium's benign "ResizeObserver loop completed with undelivered
// notifications" (Shoelace's popups) for every browser test, this one included.
import { expectAccessible } from '../testing/fixture.js';
import { deepQueryAll, until } from '../stories/support.js';
import * as activityStories from '../stories/pat-activity.stories.js';
import * as apiProviderStories from '../stories/pat-api-provider.stories.js';
import * as confirmDialogStories from '../stories/pat-confirm-dialog.stories.js';
import * as createFormStories from '../stories/pat-create-form.stories.js';
import * as detailStories from '../stories/pat-detail.stories.js';
import * as durationPickerStories from '../stories/pat-duration-picker.stories.js';
import * as managerStories from '../stories/pat-manager.stories.js';
import * as regenerateDialogStories from '../stories/pat-regenerate-dialog.stories.js';
import * as scopeEditorStories from '../stories/pat-scope-editor.stories.js';
import * as secretBannerStories from '../stories/pat-secret-banner.stories.js';
import * as tableStories from '../stories/pat-table.stories.js';
import * as usageChartStories from '../stories/pat-usage-chart.stories.js';
import * as userMenuStories from '../stories/pat-user-menu.stories.js';

const STORY_MODULES: Record<string, Record<string, unknown>> = {
  'pat-activity': activityStories,
  'pat-api-provider': apiProviderStories,
  'pat-confirm-dialog': confirmDialogStories,
  'pat-create-form': createFormStories,
  'pat-detail': detailStories,
  'pat-duration-picker': durationPickerStories,
  'pat-manager': managerStories,
  'pat-regenerate-dialog': regenerateDialogStories,
  'pat-scope-editor': scopeEditorStories,
  'pat-secret-banner': secretBannerStories,
  'pat-table': tableStories,
  'pat-usage-chart': usageChartStories,
  'pat-user-menu': userMenuStories,
};

/** Generous: a 2-core machine, Shoelace's animations, and the `slow` scenario's 2 s answers. */
const SETTLE_TIMEOUT = 20_000;
const STORY_TIMEOUT = 60_000;

// ---------------------------------------------------------------------------------------------
// CSF, composed as Storybook composes it

type Dict = Record<string, unknown>;
type StoryFn = (update?: Partial<Context>) => unknown;
type Decorator = (story: StoryFn, context: Context) => unknown;
type Loader = (context: Context) => Promise<Dict | void> | Dict | void;

interface Annotations {
  args?: Dict;
  argTypes?: Dict;
  parameters?: Dict;
  globals?: Dict;
  initialGlobals?: Dict;
  decorators?: Decorator | Decorator[];
  loaders?: Loader | Loader[];
  render?: (args: Dict, context: Context) => unknown;
  play?: (context: Context) => Promise<void> | void;
}

interface Meta extends Annotations {
  title: string;
  component?: string;
  excludeStories?: string[] | RegExp;
  includeStories?: string[] | RegExp;
}

interface Story extends Annotations {
  name?: string;
}

interface Context {
  id: string;
  name: string;
  title: string;
  component?: string;
  args: Dict;
  argTypes: Dict;
  initialArgs: Dict;
  parameters: Dict & PatStoryParameters;
  globals: Dict;
  loaded: Dict;
  viewMode: 'story';
  canvasElement: HTMLElement;
  abortSignal: AbortSignal;
  step: (label: string, play: () => Promise<void> | void) => Promise<void>;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Storybook's story name for an export: `ManyRows` → "Many Rows". */
function storyNameFromExport(key: string): string {
  return key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/^./, (c) => c.toUpperCase());
}

function isStoryExport(key: string, meta: Meta): boolean {
  if (key === 'default' || key.startsWith('__')) return false;
  const matches = (rule: string[] | RegExp) => (Array.isArray(rule) ? rule.includes(key) : rule.test(key));
  if (meta.includeStories && !matches(meta.includeStories)) return false;
  if (meta.excludeStories && matches(meta.excludeStories)) return false;
  return true;
}

/** What `@storybook/web-components` renders without a `render`: the component, args as properties. */
function defaultRender(args: Dict, context: Context): HTMLElement {
  if (!context.component) throw new Error(`Unable to render story ${context.id}: the meta has no component`);
  const element = document.createElement(context.component);
  for (const [key, value] of Object.entries(args)) (element as unknown as Dict)[key] = value;
  return element;
}

interface Composed {
  context: Context;
  storyFn: () => unknown;
  play?: (context: Context) => Promise<void> | void;
}

/** Project, meta and story annotations merged (story wins), loaders run, decorators applied. */
async function compose(meta: Meta, key: string, story: Story, canvasElement: HTMLElement, signal: AbortSignal): Promise<Composed> {
  const project = annotations as unknown as Annotations;
  const layers = [project, meta, story];
  const args = Object.assign({}, ...layers.map((layer) => layer.args));
  const context: Context = {
    id: `${meta.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}--${key.toLowerCase()}`,
    name: story.name ?? storyNameFromExport(key),
    title: meta.title,
    component: meta.component,
    args,
    initialArgs: { ...args },
    argTypes: Object.assign({}, ...layers.map((layer) => layer.argTypes)),
    parameters: Object.assign({}, ...layers.map((layer) => layer.parameters)),
    globals: Object.assign({}, project.initialGlobals, ...layers.map((layer) => layer.globals)),
    loaded: {},
    viewMode: 'story',
    canvasElement,
    abortSignal: signal,
    step: async (_label, play) => play(),
  };
  for (const loader of layers.flatMap((layer) => list(layer.loaders))) Object.assign(context.loaded, await loader(context));

  const render = story.render ?? meta.render ?? defaultRender;
  // The story's decorators are the innermost, the project's the outermost; in each list the first is innermost.
  const decorators = [...list(story.decorators), ...list(meta.decorators), ...list(project.decorators)];
  let decorated = (ctx: Context) => render(ctx.args, ctx);
  for (const decorator of decorators) {
    const inner = decorated;
    decorated = (ctx: Context) =>
      decorator((update) => inner(update ? { ...ctx, ...update, args: { ...ctx.args, ...update.args } } : ctx), ctx);
  }
  return { context, storyFn: () => decorated(context), play: story.play ?? meta.play };
}

/** Puts what the story function returned into the canvas, as the web-components renderer does. */
function renderToCanvas(result: unknown, canvasElement: HTMLElement): void {
  if (isTemplateResult(result)) litRender(result, canvasElement);
  else if (typeof result === 'string') canvasElement.innerHTML = result;
  else if (result instanceof Node) canvasElement.replaceChildren(result);
  else throw new Error(`Expecting an HTML snippet or DOM node from the story, got ${String(result)}`);
}

// ---------------------------------------------------------------------------------------------
// Settling: requests answered, elements updated, nothing busy

let requestsInFlight = new Set<string>();

async function trackRequests(): Promise<void> {
  const worker = await mockWorker();
  const start = ({ requestId }: LifeCycleEventsMap['request:start'][0]) => void requestsInFlight.add(requestId);
  const end = ({ requestId }: LifeCycleEventsMap['request:end'][0]) => void requestsInFlight.delete(requestId);
  worker.events.on('request:start', start);
  worker.events.on('request:end', end);
}

/** Every Lit element under `root`, shadow roots included. */
function litElements(root: ParentNode): (HTMLElement & { updateComplete: Promise<unknown> })[] {
  return deepQueryAll<HTMLElement & { updateComplete: Promise<unknown> }>(root, '*').filter((element) => 'updateComplete' in element);
}

async function updatesDone(root: ParentNode): Promise<void> {
  await Promise.all(litElements(root).map((element) => element.updateComplete));
}

/** The busy markers the elements show while they load. */
function busyMarkers(root: ParentNode, { selects = false } = {}): Element[] {
  const selector = ['[aria-busy="true"]', 'sl-skeleton', ...(selects ? ['sl-select[disabled]'] : [])].join(', ');
  return deepQueryAll(root, selector).filter((element) => element.getClientRects().length > 0 || element.matches('[aria-busy="true"]'));
}

function describeBusy(root: ParentNode): string {
  const busy = busyMarkers(root).map(
    (element) => `<${element.localName}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}>`,
  );
  return `${requestsInFlight.size} request(s) in flight${busy.length ? `; busy: ${busy.slice(0, 5).join(', ')}` : ''}`;
}

/** Waits until no request is in flight, every element has updated and nothing shows busy — three polls in a row. */
async function settled(root: ParentNode, timeout = SETTLE_TIMEOUT): Promise<void> {
  const started = performance.now();
  let quietPolls = 0;
  while (quietPolls < 3) {
    await updatesDone(root);
    quietPolls = requestsInFlight.size === 0 && busyMarkers(root).length === 0 ? quietPolls + 1 : 0;
    if (performance.now() - started > timeout) throw new Error(`The story did not settle within ${timeout} ms: ${describeBusy(root)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---------------------------------------------------------------------------------------------
// Errors the story must not produce

interface Recorded {
  errors: string[];
  stop(): void;
}

function recordErrors(): Recorded {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg))).join(' '));
    original.apply(console, args);
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    const reason = event.reason as Error | undefined;
    errors.push(`Unhandled rejection: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
  };
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      console.error = original;
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

// ---------------------------------------------------------------------------------------------

describe('stories', () => {
  let canvas: HTMLElement | undefined;
  let abort: AbortController | undefined;
  let recorded: Recorded | undefined;

  before(async () => {
    await trackRequests();
  });

  afterEach(async () => {
    recorded?.stop();
    recorded = undefined;
    abort?.abort();
    if (canvas) {
      litRender(nothing, canvas);
      canvas.remove();
      canvas = undefined;
    }
    document.documentElement.classList.remove('sl-theme-dark');
    // A request still running (the `slow` scenario) belongs to a story that is gone.
    requestsInFlight = new Set();
  });

  it('covers every element with a stories file', () => {
    const tags = Object.values(STORY_MODULES).map((module) => (module.default as Meta).component);
    expect(tags).to.deep.equal(Object.keys(STORY_MODULES));
  });

  for (const [file, module] of Object.entries(STORY_MODULES)) {
    const meta = module.default as Meta;

    describe(`${file}.stories.ts (${meta.title})`, () => {
      for (const [key, story] of Object.entries(module)) {
        if (!isStoryExport(key, meta) || typeof story !== 'object' || story === null) continue;
        const name = (story as Story).name ?? storyNameFromExport(key);

        it(name, async function () {
          this.timeout(STORY_TIMEOUT);
          recorded = recordErrors();
          abort = new AbortController();
          canvas = document.createElement('div');
          canvas.id = 'storybook-root';
          document.body.append(canvas);

          const { context, storyFn, play } = await compose(meta, key, story as Story, canvas, abort.signal);
          const slow = context.parameters.scenario === 'slow';
          // Only what this story asks counts: a slow answer to the previous one may still be on its way.
          requestsInFlight = new Set();

          renderToCanvas(storyFn(), canvas);
          await updatesDone(canvas);
          expect(canvas.childElementCount, 'the story rendered nothing').to.be.greaterThan(0);

          if (slow) {
            // Check the loading state now, without waiting for the data (it takes 2 s to come).
            await until(() => requestsInFlight.size > 0, 'a loading story to send a request', 5_000);
            expect(busyMarkers(canvas, { selects: true }).length, 'a loading story shows that it is busy').to.be.greaterThan(0);
            await play?.(context);
            await updatesDone(canvas);
            expect(requestsInFlight.size, 'the data arrived before the loading state was checked').to.be.greaterThan(0);
          } else {
            await play?.(context);
            await settled(canvas);
          }

          expect(document.documentElement.classList.contains('sl-theme-dark'), 'the theme').to.equal(context.globals.theme === 'dark');
          await expectAccessible(canvas);
          expect(recorded.errors, 'console.error or unhandled rejections while the story ran').to.deep.equal([]);
        });
      }
    });
  }
});
