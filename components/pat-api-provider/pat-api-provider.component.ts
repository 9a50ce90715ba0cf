import { provide } from '@lit/context';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { patApiContext } from '../api/context.js';
import { HttpPatApi } from '../api/http-pat-api.js';
import { lazyPatApi } from '../api/lazy-pat-api.js';
import type { PatApi } from '../api/pat-api.js';
import { PatElement } from '../common/pat-element.js';
import styles from './pat-api-provider.styles.js';

/**
 * @tagname pat-api-provider
 * @summary Gives every PAT Kit element inside it the API client: an `HttpPatApi` at `base-url`
 * with the user's bearer token (a `SuperMqPatApi` when `backend` is `supermq`), or a client of
 * the host's own.
 *
 * @slot - The PAT Kit elements (and anything else) that use the API.
 * @csspart base - The slot's wrapper (the provider itself lays nothing out).
 */
export class PatApiProvider extends PatElement {
  static override styles = styles;

  @provide({ context: patApiContext })
  api: PatApi = new HttpPatApi({ baseUrl: '/api' });

  /** Where the PAT routes are mounted. */
  @property({ attribute: 'base-url' }) baseUrl = '/api';

  /**
   * What answers at `base-url`: `pat-kit` (PAT Kit's server) or `supermq` (an unmodified
   * Magistrala/SuperMQ backend, whose PAT routes answer differently).
   */
  @property() backend: 'pat-kit' | 'supermq' = 'pat-kit';

  /** The signed-in user's access token. Never an attribute: tokens stay out of the DOM. */
  @property({ attribute: false }) token?: string;

  /** Asked before every call, for hosts that refresh their tokens; wins over `token`. */
  @property({ attribute: false }) getToken?: () => string | undefined | Promise<string | undefined>;

  /** A client of the host's own (a test double, another transport); wins over the rest. */
  @property({ attribute: false }) client?: PatApi;

  #inputs?: unknown[];

  override connectedCallback() {
    // Children ask for the client as they connect, before the first update: have the right one ready.
    this.#sync();
    super.connectedCallback();
  }

  protected override willUpdate() {
    this.#sync();
  }

  /** A new client when the settings it is made from changed. */
  #sync() {
    const inputs = [this.client, this.backend, this.baseUrl, this.token, this.getToken];
    if (this.#inputs?.every((input, i) => input === inputs[i])) return;
    this.#inputs = inputs;
    const options = { baseUrl: this.baseUrl, token: this.token, getToken: this.getToken };
    this.api =
      this.client ??
      (this.backend === 'supermq'
        ? // Loaded only by the pages that use it, so the other pages' bundle does not carry it.
          lazyPatApi(async () => new (await import('../api/supermq-pat-api.js')).SuperMqPatApi(options))
        : new HttpPatApi(options));
  }

  override render() {
    return html`<slot part="base"></slot>`;
  }
}
