import { html, svg, type SVGTemplateResult } from 'lit';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import type { PatLocale } from '../common/format.js';

/** The pager's icons: Bootstrap Icons' chevrons, as sl-icon draws them. */
const CHEVRON: Record<'first' | 'previous' | 'next' | 'last', SVGTemplateResult> = {
  first: svg`<path fill-rule="evenodd" d="M8.354 1.646a.5.5 0 0 1 0 .708L2.707 8l5.647 5.646a.5.5 0 0 1-.708.708l-6-6a.5.5 0 0 1 0-.708l6-6a.5.5 0 0 1 .708 0" /><path fill-rule="evenodd" d="M12.354 1.646a.5.5 0 0 1 0 .708L6.707 8l5.647 5.646a.5.5 0 0 1-.708.708l-6-6a.5.5 0 0 1 0-.708l6-6a.5.5 0 0 1 .708 0" />`,
  previous: svg`<path fill-rule="evenodd" d="M11.354 1.646a.5.5 0 0 1 0 .708L5.707 8l5.647 5.646a.5.5 0 0 1-.708.708l-6-6a.5.5 0 0 1 0-.708l6-6a.5.5 0 0 1 .708 0" />`,
  next: svg`<path fill-rule="evenodd" d="M4.646 1.646a.5.5 0 0 1 .708 0l6 6a.5.5 0 0 1 0 .708l-6 6a.5.5 0 0 1-.708-.708L10.293 8 4.646 2.354a.5.5 0 0 1 0-.708" />`,
  last: svg`<path fill-rule="evenodd" d="M3.646 1.646a.5.5 0 0 1 .708 0l6 6a.5.5 0 0 1 0 .708l-6 6a.5.5 0 0 1-.708-.708L9.293 8 3.646 2.354a.5.5 0 0 1 0-.708" /><path fill-rule="evenodd" d="M7.646 1.646a.5.5 0 0 1 .708 0l6 6a.5.5 0 0 1 0 .708l-6 6a.5.5 0 0 1-.708-.708L13.293 8 7.646 2.354a.5.5 0 0 1 0-.708" />`,
};

export interface PagerState {
  /** The page shown, from 1. */
  page: number;
  pageSize: number;
  /** The page sizes to choose from. */
  pageSizes: readonly number[];
  /** How many items there are in all. */
  total: number;
  /** How many items the page shown holds. */
  shown: number;
  /** The user asked for `page` (already kept within the first and last page). */
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
  locale: PatLocale;
}

/** A pager button: a native button drawn as sl-icon-button (the host styles `.icon-button`). */
function pagerButton(icon: SVGTemplateResult, label: string, disabled: boolean, onClick: () => void) {
  return html`<button class="icon-button" type="button" aria-label=${label} ?disabled=${disabled} @click=${onClick}>
    <svg class="flip-rtl" viewBox="0 0 16 16" fill="currentColor" aria-hidden="true">${icon}</svg>
  </button>`;
}

/** Rows per page, "1–10 of 42", "Page 1 of 5" and first / previous / next / last. */
export function renderPager({ page, pageSize, pageSizes, total, shown, onPage, onPageSize, locale }: PagerState) {
  const { t } = locale;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, from + shown - 1);
  const go = (target: number) => onPage(Math.min(pages, Math.max(1, target)));
  return html`
    <label class="page-size">
      ${t.table.rowsPerPage}
      <sl-select
        size="small"
        hoist
        .value=${String(pageSize)}
        @sl-change=${(event: Event) => onPageSize(Number((event.target as SlSelect).value))}
        aria-label=${t.table.rowsPerPage}
      >
        ${pageSizes.map((size) => html`<sl-option value=${String(size)}>${locale.number(size)}</sl-option>`)}
      </sl-select>
    </label>
    <span class="range">${t.table.range(from, to, total)}</span>
    <span class="page-of">${t.table.pageOf(page, pages)}</span>
    <nav class="pager" aria-label=${t.table.pagination}>
      ${pagerButton(CHEVRON.first, t.table.firstPage, page <= 1, () => go(1))}
      ${pagerButton(CHEVRON.previous, t.table.previousPage, page <= 1, () => go(page - 1))}
      ${pagerButton(CHEVRON.next, t.table.nextPage, page >= pages, () => go(page + 1))}
      ${pagerButton(CHEVRON.last, t.table.lastPage, page >= pages, () => go(pages))}
    </nav>
  `;
}
