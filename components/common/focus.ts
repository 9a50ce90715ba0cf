/** What has focus, inside shadow roots too (`document.activeElement` stops at the outermost host). */
export function deepestActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

/**
 * Whether the focus is in `host` (its light or shadow tree) or nowhere in particular: then a
 * finished action may place it; elsewhere, the user has moved on and it stays where they put it.
 */
export function focusIsFree(host: Element): boolean {
  const active = deepestActiveElement();
  if (!active || active === document.body) return true;
  for (let node: Node | null = active; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node === host) return true;
  }
  return false;
}
