/** Small DOM readers shared by the browser tests. */

/** An element's text as a person reads it: whitespace folded. */
export function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** What has focus, looking into shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The next `name` event on `target`, or a failure after `timeout` ms. */
export function nextEvent(target: EventTarget, name: string, timeout = 8000): Promise<Event> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${name}`)), timeout);
    target.addEventListener(
      name,
      (event) => {
        clearTimeout(timer);
        resolve(event);
      },
      { once: true },
    );
  });
}

/** Whether `node` is `ancestor` or inside it, crossing shadow roots and the slots it is shown in. */
export function composedContains(ancestor: Node, node: Node | null): boolean {
  // Up the rendered tree: a slotted node through its slot (its light-DOM parent comes later).
  const up = (current: Node) => (current as Element).assignedSlot ?? current.parentNode ?? (current as ShadowRoot).host ?? null;
  for (let current: Node | null = node; current; current = up(current)) {
    if (current === ancestor) return true;
  }
  return false;
}

/** The element of `root` drawn at the centre of `element`'s box: what a click there would hit. */
export function drawnAt(root: DocumentOrShadowRoot, element: Element): Element | null {
  const box = element.getBoundingClientRect();
  return root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
}

/** The innermost element at a point of the viewport, looking into shadow roots. */
export function deepElementAt(x: number, y: number): Element | null {
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

/** Every shadow root in the document, nested ones included. */
function shadowRoots(): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) {
        found.push(element.shadowRoot);
        walk(element.shadowRoot);
      }
    }
  };
  walk(document);
  return found;
}

/** Resolves once every CSS transition running in the document (shadow roots included) has ended, e.g. after a theme change. */
export async function transitionsEnded(): Promise<void> {
  // Reading layout brings styles up to date, which starts the transitions a change calls for.
  document.documentElement.getBoundingClientRect();
  const transitions = new Set(
    [document, ...shadowRoots()].flatMap((root) => root.getAnimations()).filter((animation) => animation instanceof CSSTransition),
  );
  await Promise.allSettled([...transitions].map((transition) => transition.finished));
}

/**
 * Where the browser keeps `needle` beyond the page: the URL, localStorage and sessionStorage
 * entries (`key=value`) and the cookies. Empty when a secret left no trace there.
 */
export function storedCopies(needle: string): string[] {
  const entries = (storage: Storage) =>
    Array.from({ length: storage.length }, (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i)!)}`);
  return [
    ...(location.href.includes(needle) ? [`location ${location.href}`] : []),
    ...entries(localStorage).map((entry) => `localStorage ${entry}`),
    ...entries(sessionStorage).map((entry) => `sessionStorage ${entry}`),
    ...(document.cookie.includes(needle) ? [`cookie ${document.cookie}`] : []),
  ].filter((copy) => copy.includes(needle));
}
