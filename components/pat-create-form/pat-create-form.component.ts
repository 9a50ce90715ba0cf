import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/icon/icon.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import type SlTextarea from '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import { LIMITS, type CreatePatRequest, type PatWithSecret, type ScopeInput } from '../../contract/index.js';
import { ApiError, errorText } from '../api/api-error.js';
import type { CallOptions, PatApi } from '../api/pat-api.js';
import '../pat-confirm-dialog/pat-confirm-dialog.js';
import type { PatConfirmDialog } from '../pat-confirm-dialog/pat-confirm-dialog.component.js';
import '../pat-duration-picker/pat-duration-picker.js';
import type { PatDurationPicker } from '../pat-duration-picker/pat-duration-picker.component.js';
import '../pat-scope-editor/pat-scope-editor.js';
import type { EntityLookup, PatScopeEditor } from '../pat-scope-editor/pat-scope-editor.component.js';
import { ipLineErrors, ipLines, ipText, isIpField, type IpLine } from '../common/allowed-ips.js';
import { baseStyles } from '../common/base.styles.js';
import { CatalogTask } from '../common/catalog.js';
import type { PatEventMap } from '../common/events.js';
import { PatApiElement, offers, requireApi } from '../common/pat-api-element.js';
import { idleLimits, idleToSend, NEVER, renderMaxIdle } from './pat-create-form.max-idle.js';
import styles from './pat-create-form.styles.js';

/** Reads the `scopes` attribute: a JSON array of scopes. Anything else prefills nothing. */
const scopesAttribute = {
  fromAttribute(value: string | null): ScopeInput[] {
    try {
      const parsed = JSON.parse(value ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((scope) => scope && typeof scope.entity_type === 'string') : [];
    } catch {
      return [];
    }
  },
  toAttribute(value: ScopeInput[]): string {
    return JSON.stringify(value);
  },
};

/** Reads the `allowed-ips` attribute: addresses and CIDR ranges separated by spaces or commas. */
const allowedIpsAttribute = {
  fromAttribute(value: string | null): string[] {
    return (value ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  },
  toAttribute(value: string[]): string {
    return value.join(' ');
  },
};

/**
 * Creates the PAT with all its scopes. The API takes `LIMITS.scopesPerCall` scopes a request:
 * more (a copy of a PAT with many) are added right after the create, and when that fails the
 * PAT is deleted again, so that the create still succeeds or fails whole. A scope's error names
 * its place in the whole list (`scopes[130].entity_type`), as the create's own would.
 */
async function createWithScopes(api: PatApi, request: CreatePatRequest, options: CallOptions): Promise<PatWithSecret> {
  const scopes = request.scopes ?? [];
  const pat = await api.createPat({ ...request, scopes: scopes.slice(0, LIMITS.scopesPerCall) }, options);
  let offset = LIMITS.scopesPerCall;
  let count = pat.scopes_count;
  try {
    for (; offset < scopes.length; offset += LIMITS.scopesPerCall) {
      count = (await api.addScopes(pat.id, scopes.slice(offset, offset + LIMITS.scopesPerCall), options)).scopes.length;
    }
  } catch (error) {
    await api.deletePat(pat.id).catch(() => undefined);
    if (!(error instanceof ApiError)) throw error;
    const details = error.details.map((detail) => ({
      ...detail,
      field: detail.field.replace(/^scopes\[(\d+)\]/, (_, index: string) => `scopes[${Number(index) + offset}]`),
    }));
    throw new ApiError(error.status, error.code, error.message, details, error.reason);
  }
  return { ...pat, scopes_count: count };
}

/**
 * @tagname pat-create-form
 * @summary Creates a PAT: name, expiry, how long it may go unused (where the server has idle
 * expiry: its catalog's `max_idle`), description, scopes and, where the API has allowlists
 * (`setAllowedIps`), the client addresses it may be used from, sent as one request (scopes beyond
 * the API's 100 a request right after it, or nothing is made). Server errors land on their fields
 * (a refused address names its line); nothing the user typed is lost; a second submit is impossible.
 *
 * @event {CustomEvent<PatEventMap['pat-created']>} pat-created - The PAT exists; `detail.pat` carries its one-time `secret`.
 * @event {CustomEvent<PatEventMap['pat-cancel']>} pat-cancel - The user chose Cancel.
 * @event {CustomEvent<PatEventMap['pat-error']>} pat-error - The request failed; `detail.action` is `create`.
 *
 * @csspart base - The form.
 * @csspart name - The name field.
 * @csspart duration - The expiry picker.
 * @csspart max-idle - The select of how long the PAT may go unused before it expires (absent where the server has no idle expiry).
 * @csspart description - The description field.
 * @csspart allowed-ips - The allowed IP addresses field, one per line (shown by a button, or at once when prefilled; absent when the API has no allowlists).
 * @csspart scopes - The scopes fieldset.
 * @csspart submit - The Create button.
 */
export class PatCreateForm extends PatApiElement {
  static override styles = [baseStyles, styles];

  #create = new Task(this, {
    task: async ([request]: [Parameters<PatApi['createPat']>[0]], { signal }) => {
      return createWithScopes(requireApi(this.api), request, { signal });
    },
    autoRun: false,
    onComplete: (pat: PatWithSecret) => this.emit('pat-created', { pat }),
    onError: (error) => this.#showServerErrors(error),
  });

  /** For the idle limits: the server's own, and whether it has idle expiry at all. */
  #catalog = new CatalogTask(this, () => this.api);

  /** Asking whether a token without scopes is wanted: a second submit meanwhile does nothing. */
  #confirming = false;

  /** The allowlist of the last submit, by line: the server's errors name its entries by their place in it. */
  #sentIps: IpLine[] = [];

  /** The idle limit the host gave (a copy's): offered even when it is no preset. */
  #givenIdle = '';
  /** The idle limit this element set itself, to tell the user's choices from a host's `maxIdle`. */
  #ownIdle?: string;

  @query('pat-duration-picker') private durationPicker!: PatDurationPicker;
  @query('pat-scope-editor') private scopeEditor!: PatScopeEditor;
  @query('pat-confirm-dialog') private confirmDialog!: PatConfirmDialog;

  @state() private fieldErrors: Record<string, string> = {};
  @state() private formError = '';
  /** The confirmation dialog is rendered the first time the form asks (a token without scopes). */
  @state() private confirmWanted = false;
  /** The allowed IP addresses as typed, one a line. */
  @state() private allowedIpsText = '';
  /** The allowed IP addresses field is shown (asked for, prefilled, or in error). */
  @state() private allowedIpsShown = false;

  /** The name to start with. */
  @property() name = '';

  /** The description to start with. */
  @property() description = '';

  /** The duration to start with (`"30d"`); the catalog's default otherwise. */
  @property() duration = '';

  /**
   * The idle limit to start with (`"30d"`): unused this long, the PAT expires. Empty for the
   * default: the server's limit (the catalog's `max_idle`), or Never where it has none. A limit
   * the server would refuse starts with the default too.
   */
  @property({ attribute: 'max-idle' }) maxIdle = '';

  /** The scopes to start with: a JSON array attribute, or an array property. The editor owns them after that. */
  @property({ converter: scopesAttribute }) scopes: ScopeInput[] = [];

  /**
   * The client addresses and CIDR ranges to start with (`203.0.113.0/24`): an array property, or
   * an attribute that separates them with spaces or commas. Shown and sent only where the API has
   * allowlists (`setAllowedIps`); the field owns them after that.
   */
  @property({ attribute: 'allowed-ips', converter: allowedIpsAttribute }) allowedIps: string[] = [];

  /** Offers entity names in the scope editor; see `<pat-scope-editor>`. */
  @property({ attribute: false }) entityLookup?: EntityLookup;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('maxIdle') && this.maxIdle !== this.#ownIdle) this.#givenIdle = this.maxIdle;
    if (changed.has('allowedIps')) {
      this.allowedIpsText = ipText(this.allowedIps);
      if (this.allowedIps.length > 0) this.allowedIpsShown = true;
    }
  }

  private onName(event: Event) {
    this.name = (event.target as SlInput).value;
    this.#clearError('name');
  }

  private onDescription(event: Event) {
    this.description = (event.target as SlTextarea).value;
    this.#clearError('description');
  }

  private onAllowedIps(event: Event) {
    this.allowedIpsText = (event.target as SlTextarea).value;
    this.#clearError('allowed_ips');
  }

  /** The field replaces its button, and takes the focus. */
  private async onShowAllowedIps() {
    this.allowedIpsShown = true;
    await this.updateComplete;
    const field = this.renderRoot.querySelector<SlTextarea>('[part="allowed-ips"]');
    await field?.updateComplete;
    field?.focus();
  }

  private onDuration(event: CustomEvent<PatEventMap['pat-duration-change']>) {
    this.duration = event.detail.duration;
    this.#dropFixErrors();
  }

  private onMaxIdle(event: Event) {
    const value = (event.target as SlSelect).value as string;
    this.#ownIdle = value === NEVER ? '' : value;
    this.maxIdle = this.#ownIdle;
    this.#clearError('max_idle');
  }

  private onCancel() {
    this.emit('pat-cancel', {});
  }

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this.#create.status === TaskStatus.PENDING || this.#confirming) return;
    this.formError = '';
    const name = this.name.trim();
    const fieldErrors: Record<string, string> = {};
    if (!name) fieldErrors.name = this.t.detail.nameRequired;
    const durationOk = this.durationPicker.reportValidity();
    const scopesOk = this.scopeEditor.validate();
    this.fieldErrors = fieldErrors;
    if (!name || !durationOk || !scopesOk) {
      this.formError = this.t.create.fixErrors;
      this.#focusFirstError();
      return;
    }
    const scopes = this.scopeEditor.scopes;
    if (scopes.length === 0 && !(await this.#confirmNoScopes())) return;
    // Sent only where the API has allowlists (another would ignore them), and only when there is one.
    this.#sentIps = offers(this.api, 'setAllowedIps') ? ipLines(this.allowedIpsText) : [];
    const allowed = this.#sentIps.length > 0 ? { allowed_ips: this.#sentIps.map(({ entry }) => entry) } : {};
    const idle = idleToSend(this.#idleLimits, this.maxIdle);
    void this.#create.run([
      { name, description: this.description, duration: this.durationPicker.value, scopes, ...allowed, ...(idle ? { max_idle: idle } : {}) },
    ]);
  }

  /** The idle limits the server takes, once its catalog is in; undefined where it has no idle expiry. */
  get #idleLimits() {
    return this.#catalog.value && idleLimits(this.#catalog.value, this.#givenIdle);
  }

  /** Moves the focus to the name field, once the form is rendered (a copy's form starts there). */
  async focusName(): Promise<void> {
    await this.updateComplete;
    const field = this.renderRoot.querySelector<SlInput>('[part="name"]');
    await field?.updateComplete;
    field?.focus();
  }

  /** A token that may do nothing is made only when the user says that is what they want. */
  async #confirmNoScopes(): Promise<boolean> {
    this.#confirming = true;
    try {
      this.confirmWanted = true;
      await this.updateComplete;
      return await this.confirmDialog.confirm(
        {
          title: this.t.create.noScopesTitle,
          message: this.t.create.noScopesText,
          confirmLabel: this.t.create.noScopesConfirm,
          variant: 'primary',
        },
        this.renderRoot.querySelector<HTMLElement>('[part="submit"]') ?? undefined,
      );
    } finally {
      this.#confirming = false;
    }
  }

  #clearError(field: string) {
    if (!(field in this.fieldErrors)) return;
    const { [field]: _, ...rest } = this.fieldErrors;
    this.fieldErrors = rest;
    this.#dropFixErrors();
  }

  /** "Please correct the highlighted fields" goes once nothing is highlighted any more. */
  #dropFixErrors() {
    if (this.formError !== this.t.create.fixErrors) return;
    void this.updateComplete.then(async () => {
      await this.scopeEditor.updateComplete;
      const highlighted = Object.keys(this.fieldErrors).length > 0 || !!this.durationPicker.errorMessage || this.scopeEditor.invalid;
      if (!highlighted && this.formError === this.t.create.fixErrors) this.formError = '';
    });
  }

  #showServerErrors(error: unknown) {
    if (!(error instanceof ApiError)) return;
    this.emit('pat-error', { action: 'create', error });
    const fieldErrors: Record<string, string> = {};
    for (const detail of error.details) {
      // A sentence that names the field: "Name is already used by another of your tokens."
      if (detail.field === 'name' || detail.field === 'description')
        fieldErrors[detail.field] = capitalize(`${detail.field} ${detail.message}`);
    }
    const ips = ipLineErrors(error.details, this.#sentIps, this.t.allowedIps.label, this.t);
    if (ips.length > 0) {
      fieldErrors.allowed_ips = ips.join(' ');
      this.allowedIpsShown = true;
    }
    const maxIdle = error.fieldMessage('max_idle');
    if (maxIdle) fieldErrors.max_idle = capitalize(`${this.t.idle.detailLabel} ${maxIdle}`);
    const duration = error.fieldMessage('duration');
    if (duration) this.durationPicker.errorMessage = capitalize(`${this.t.duration.label} ${duration}`);
    this.scopeEditor.showServerErrors(error.details);
    this.fieldErrors = fieldErrors;
    // A detail about something the form has no field for (`scopes`, `body`, …) is said in words.
    const unplaced = error.details.filter(
      (detail) => !/^(name|description|duration|max_idle|scopes\[\d+\].*)$/.test(detail.field) && !isIpField(detail.field),
    );
    this.formError =
      error.details.length === 0
        ? errorText(error, this.t)
        : unplaced.length === 0
          ? this.t.create.fixErrors
          : [this.t.create.failed, ...unplaced.map((detail) => capitalize(`${detail.field} ${detail.message}`))].join(' ');
    this.#focusFirstError();
  }

  /** Focus on the first field in error (a scope row's first control), else (the fields were inert while it submitted) on Create. */
  #focusFirstError() {
    void this.updateComplete.then(async () => {
      const field = this.renderRoot.querySelector<HTMLElement>('[data-error]');
      if (field) return field.focus();
      await this.scopeEditor.updateComplete;
      if (!this.scopeEditor.focusFirstInvalid()) this.renderRoot.querySelector<HTMLElement>('[part="submit"]')?.focus();
    });
  }

  /**
   * How long the token may go unused before it expires, where the backend has idle expiry; why,
   * with Retry, when the catalog cannot load.
   */
  private renderMaxIdle() {
    const limits = this.#idleLimits;
    if (!limits) return this.#catalog.renderError(this.t.idle.catalogError, this.t);
    return renderMaxIdle(limits, { wanted: this.maxIdle, error: this.fieldErrors.max_idle, onChange: this.onMaxIdle }, this.locale);
  }

  /** The allowed IP addresses: a button that shows the field, or the field (one address or range a line). */
  private renderAllowedIps() {
    if (!this.allowedIpsShown) {
      return html`<sl-button class="show-allowed-ips" variant="text" size="small" @click=${this.onShowAllowedIps}>
        <sl-icon slot="prefix" name="plus-lg"></sl-icon>${this.t.allowedIps.show}
      </sl-button>`;
    }
    const error = this.fieldErrors.allowed_ips;
    return html`<sl-textarea
      part="allowed-ips"
      name="allowed_ips"
      label=${this.t.allowedIps.label}
      rows="2"
      resize="auto"
      autocapitalize="off"
      autocorrect="off"
      .spellcheck=${false}
      help-text=${error ?? this.t.allowedIps.help}
      ?data-error=${!!error}
      aria-invalid=${error ? 'true' : 'false'}
      .value=${this.allowedIpsText}
      @sl-input=${this.onAllowedIps}
    ></sl-textarea>`;
  }

  override render() {
    const busy = this.#create.status === TaskStatus.PENDING;
    return html`
      <form part="base" novalidate @submit=${this.onSubmit} aria-busy=${busy ? 'true' : 'false'}>
        <div class="fields" ?inert=${busy}>
          <sl-input
            part="name"
            name="name"
            label=${this.t.create.name}
            required
            maxlength=${LIMITS.nameMax}
            autocomplete="off"
            help-text=${this.fieldErrors.name ?? this.t.create.nameHelp}
            ?data-error=${!!this.fieldErrors.name}
            aria-invalid=${this.fieldErrors.name ? 'true' : 'false'}
            .value=${this.name}
            @sl-input=${this.onName}
          ></sl-input>
          <pat-duration-picker part="duration" .value=${this.duration} @pat-duration-change=${this.onDuration}></pat-duration-picker>
          ${this.renderMaxIdle()}
          <sl-textarea
            part="description"
            name="description"
            label=${this.t.create.description}
            rows="2"
            resize="auto"
            maxlength=${LIMITS.descriptionMax}
            help-text=${this.fieldErrors.description ?? this.t.create.descriptionHelp}
            ?data-error=${!!this.fieldErrors.description}
            .value=${this.description}
            @sl-input=${this.onDescription}
          ></sl-textarea>
          ${offers(this.api, 'setAllowedIps') ? this.renderAllowedIps() : nothing}
          <fieldset class="scopes" part="scopes">
            <legend>${this.t.create.scopes}</legend>
            <p>${this.t.create.scopesHelp}</p>
            <pat-scope-editor
              start-with-row
              .value=${this.scopes}
              .entityLookup=${this.entityLookup}
              @pat-scopes-change=${() => this.#dropFixErrors()}
            ></pat-scope-editor>
          </fieldset>
        </div>
        ${this.formError ? html`<sl-alert variant="danger" open>${this.formError}</sl-alert>` : nothing}
        <div class="footer">
          <sl-button ?disabled=${busy} @click=${this.onCancel}>${this.t.cancel}</sl-button>
          <sl-button part="submit" type="submit" variant="primary" ?loading=${busy}>${this.t.create.submit}</sl-button>
        </div>
      </form>
      ${this.confirmWanted ? html`<pat-confirm-dialog></pat-confirm-dialog>` : nothing}
    `;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}
