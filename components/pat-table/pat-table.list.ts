import { Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { PatPage, PatSortKey, SortDirection, Summary } from '../../contract/index.js';
import { statusesOf } from '../common/list-state.js';
import type { PatApi } from '../api/pat-api.js';
import { requireApi } from '../common/pat-api-element.js';

/** What the list shows: the query of `GET /pats`, in the table's terms. */
export type ListArgs = readonly [
  api: PatApi | undefined,
  /** One status or several, comma-separated. */
  status: string,
  search: string,
  sort: PatSortKey,
  dir: SortDirection,
  page: number,
  pageSize: number,
];

/**
 * The table's data: the page of PATs its query names and the counts above it, each loaded again
 * when its arguments change. The last page that loaded stays while the next one loads; when that
 * fails, the table shows it under an alert only if it answers the same query (a refresh), and
 * the error alone otherwise.
 */
export class PatListData {
  #page?: PatPage;
  /** What the last page that loaded was asked for. */
  #pageArgs?: ListArgs;
  #args: () => ListArgs;
  #list: Task<ListArgs, PatPage>;
  #summary: Task<readonly [PatApi | undefined], Summary>;

  constructor(host: ReactiveControllerHost, args: () => ListArgs) {
    this.#args = args;
    this.#list = new Task(host, {
      task: async ([api, status, search, sort, dir, page, pageSize], { signal }) => {
        const query = { status: statusesOf(status), name: search || undefined, sort, dir, offset: (page - 1) * pageSize, limit: pageSize };
        return requireApi(api).listPats(query, { signal });
      },
      args,
      onComplete: (page) => {
        this.#page = page;
        this.#pageArgs = args();
      },
    });
    this.#summary = new Task(host, {
      task: async ([api], { signal }) => requireApi(api).getSummary({ signal }),
      args: () => [args()[0]] as const,
    });
  }

  /** The last page that loaded. */
  get page(): PatPage | undefined {
    return this.#page;
  }

  get summary(): Summary | undefined {
    return this.#summary.value;
  }

  /** The last page that loaded answers another query (filter, search, sort, page) than the current one. */
  get stale(): boolean {
    const current = this.#args();
    return this.#page !== undefined && !current.every((arg, i) => arg === this.#pageArgs?.[i]);
  }

  /** Why the last load of the page failed, while it is the latest word. */
  get error(): Error | undefined {
    return this.#list.status === TaskStatus.ERROR ? (this.#list.error as Error) : undefined;
  }

  get loading(): boolean {
    return this.#list.status === TaskStatus.PENDING;
  }

  /** The page came back empty while the counts that tell which empty state it is are reloading. */
  get awaitingCounts(): boolean {
    return this.#page?.pats.length === 0 && this.#summary.status === TaskStatus.PENDING;
  }

  /** Settles once the page has loaded (or failed). */
  get settled(): Promise<unknown> {
    return this.#list.taskComplete.catch(() => undefined);
  }

  /** Loads the page and the counts again, keeping the current page meanwhile. */
  refresh(): void {
    void this.#list.run();
    void this.#summary.run();
  }
}
