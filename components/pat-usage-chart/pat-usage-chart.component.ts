import { Task, TaskStatus } from '@lit/task';
import { html, nothing, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { USAGE_DAYS, type PatUsage, type UsageDay } from '../../contract/index.js';
import { baseStyles } from '../common/base.styles.js';
import { loadStateStyles, renderLoadState } from '../common/load-state.js';
import { PatApiElement, offers, requireApi } from '../common/pat-api-element.js';
import styles from './pat-usage-chart.styles.js';

/** The chart's drawing box: a bar a unit wide (with a gap), up to 100 units tall. */
const HEIGHT = 100;
const GAP = 0.2;
/** A day with a check shows at least this much of a bar, however many the busiest day had. */
const SLIVER = 3;

/** The counts, and what they were asked for. */
interface Loaded {
  patId: string;
  days: number;
  usage: PatUsage;
}

/** Bar heights (in drawing units) for a day: allowed below, denied on top. */
function barHeights(day: UsageDay, busiest: number): { allowed: number; denied: number } {
  const scale = (n: number) => (n === 0 ? 0 : Math.max(SLIVER, (n / busiest) * HEIGHT));
  const denied = Math.min(scale(day.denied), HEIGHT);
  return { allowed: Math.min(scale(day.allowed), HEIGHT - denied), denied };
}

/**
 * @tagname pat-usage-chart
 * @summary A token's checks per day as a small bar chart: allowed and refused (a scope did not
 * grant it, or the token was revoked or expired) for each of the last `days` UTC days, today
 * last, with the totals in words ("1,204 allowed · 3 denied in the last 30 days"). Screen
 * readers get the chart's name, the totals and a table of the days; the bars run the way the
 * text does (today at the left in right-to-left languages).
 *
 * The daily use is an optional part of the API (`getPatUsage`): with a client that lacks it
 * (`backend="supermq"`, or a host's own client without it) the element renders nothing visible,
 * only its base part, hidden; so without `pat-id`.
 *
 * @csspart base - The whole element (hidden when the client has no usage, or without `pat-id`).
 * @csspart chart - The bars.
 * @csspart summary - The totals in words.
 * @csspart legend - What the colours mean.
 *
 * @cssproperty --pat-usage-chart-height - The bars' height (5rem).
 * @cssproperty --pat-usage-allowed-color - The allowed checks' colour (Shoelace's success colour).
 * @cssproperty --pat-usage-denied-color - The denied checks' colour (Shoelace's danger colour).
 */
export class PatUsageChart extends PatApiElement {
  static override styles = [baseStyles, loadStateStyles, styles];

  #usage = new Task(this, {
    task: async ([api, patId, days], { signal }): Promise<Loaded | undefined> => {
      if (!patId || !offers(api, 'getPatUsage')) return undefined;
      return { patId, days, usage: await requireApi(api).getPatUsage!(patId, days, { signal }) };
    },
    args: () => [this.api, this.patId, this.days] as const,
  });

  /** The token whose use to show. */
  @property({ attribute: 'pat-id' }) patId = '';

  /** How many days, today the last: from 1 to 90. */
  @property({ type: Number }) days: number = USAGE_DAYS.default;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('days')) {
      const days = Math.floor(this.days);
      this.days = Number.isFinite(days) ? Math.min(Math.max(days, 1), USAGE_DAYS.max) : USAGE_DAYS.default;
    }
  }

  /** Loads the counts again. */
  refresh(): void {
    void this.#usage.run();
  }

  private renderBars(usage: PatUsage) {
    const busiest = Math.max(1, ...usage.days.map((day) => day.allowed + day.denied));
    const width = usage.days.length;
    return html`
      <div class="chart" part="chart" role="img" aria-label=${this.t.usage.chartLabel(width)} aria-describedby="summary">
        <svg class="flip-rtl" viewBox="0 0 ${width} ${HEIGHT}" preserveAspectRatio="none" aria-hidden="true">
          ${usage.days.map((day, index) => {
            const { allowed, denied } = barHeights(day, busiest);
            const x = index + GAP / 2;
            return svg`<g>
              <title>${this.t.usage.bar(this.locale.utcDay(day.day), day.allowed, day.denied)}</title>
              <rect class="track" x=${x} y="0" width=${1 - GAP} height=${HEIGHT}></rect>
              ${allowed ? svg`<rect class="allowed" x=${x} y=${HEIGHT - allowed} width=${1 - GAP} height=${allowed}></rect>` : nothing}
              ${denied ? svg`<rect class="denied" x=${x} y=${HEIGHT - allowed - denied} width=${1 - GAP} height=${denied}></rect>` : nothing}
            </g>`;
          })}
        </svg>
      </div>
      <div class="axis" aria-hidden="true">
        <span>${this.locale.utcDay(usage.days[0]!.day)}</span><span>${this.locale.utcDay(usage.days.at(-1)!.day)}</span>
      </div>
    `;
  }

  private renderTable(usage: PatUsage) {
    // In a hidden box: a table is as wide as its cells, whatever width it is given.
    return html`<div class="visually-hidden">
      <table>
        <caption>
          ${this.t.usage.tableCaption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.t.usage.day}</th>
            <th scope="col">${this.t.usage.allowed}</th>
            <th scope="col">${this.t.usage.denied}</th>
          </tr>
        </thead>
        <tbody>
          ${usage.days.map(
            (day) =>
              html`<tr>
                <th scope="row">${this.locale.utcDay(day.day)}</th>
                <td>${this.locale.number(day.allowed)}</td>
                <td>${this.locale.number(day.denied)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderUsage(usage: PatUsage) {
    const width = usage.days.length;
    if (usage.allowed + usage.denied === 0) return html`<p class="empty" part="summary">${this.t.usage.empty(width)}</p>`;
    return html`
      ${this.renderBars(usage)}
      <div class="footer">
        <p id="summary" class="summary" part="summary">${this.t.usage.summary(usage.allowed, usage.denied, width)}</p>
        <p class="legend" part="legend" aria-hidden="true">
          <span class="key allowed">${this.t.usage.allowed}</span><span class="key denied">${this.t.usage.denied}</span>
        </p>
      </div>
      ${this.renderTable(usage)}
    `;
  }

  override render() {
    if (!this.patId || !offers(this.api, 'getPatUsage')) return html`<div class="base" part="base" hidden></div>`;
    const value = this.#usage.value;
    const usage = value && value.patId === this.patId && value.days === this.days ? value.usage : undefined;
    return html`<div class="base" part="base">
      ${
        usage && this.#usage.status !== TaskStatus.ERROR
          ? this.renderUsage(usage)
          : renderLoadState(this.#usage, { errorTitle: this.t.usage.errorTitle, retry: () => this.refresh(), t: this.t })
      }
    </div>`;
  }
}
