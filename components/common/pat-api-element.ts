import { consume } from '@lit/context';
import { state } from 'lit/decorators.js';
import type { Pat } from '../../contract/index.js';
import { ApiError } from '../api/api-error.js';
import { checkedPatApi } from '../api/checked-pat-api.js';
import { patApiContext } from '../api/context.js';
import type { PatApi, PatApiOptionalMethod } from '../api/pat-api.js';
import type { PatConfirmDialog } from '../pat-confirm-dialog/pat-confirm-dialog.component.js';
import { PatElement } from './pat-element.js';

/** The client, its answers checked (see checkedPatApi), or the error that says where it should have come from. */
export function requireApi(api: PatApi | undefined): PatApi {
  if (!api) throw ApiError.because('noApiClient', 0, 'network');
  return checkedPatApi(api);
}

/**
 * Whether the client has `method`, one a client may lack (see PAT_API_OPTIONAL_METHODS): an
 * element hides what needs a method its client lacks. True without a client, whose absence the
 * element shows as the error it is.
 */
export function offers(api: PatApi | undefined, method: PatApiOptionalMethod): boolean {
  return !api || typeof api[method] === 'function';
}

/** A confirmation dialog, or how to get one (an element may render its dialog only when it asks). */
export type ConfirmDialogSource = PatConfirmDialog | (() => Promise<PatConfirmDialog>);

function dialogFrom(source: ConfirmDialogSource): Promise<PatConfirmDialog> {
  return typeof source === 'function' ? source() : Promise.resolve(source);
}

/**
 * The base of elements that talk to the API: the client from the nearest `<pat-api-provider>`
 * and the steps every destructive action shares (a cancelable request event, a confirmation
 * that runs the change, a completion event, `pat-error` on failure).
 */
export class PatApiElement extends PatElement {
  @consume({ context: patApiContext, subscribe: true })
  @state()
  protected api?: PatApi;

  /** Runs a change through the API; a failure is reported as `pat-error` and rethrown. */
  protected async mutate<T>(action: string, run: (api: PatApi) => Promise<T>): Promise<T> {
    try {
      return await run(requireApi(this.api));
    } catch (error) {
      if (error instanceof ApiError) this.emit('pat-error', { action, error });
      throw error;
    }
  }

  /** Revokes `pat` once the host allowed it and the user confirmed; true when it is revoked. */
  protected async confirmRevoke(dialog: ConfirmDialogSource, pat: Pat, trigger?: HTMLElement): Promise<boolean> {
    if (this.emit('pat-request-revoke', { id: pat.id, name: pat.name }, { cancelable: true }).defaultPrevented) return false;
    const done = await (
      await dialogFrom(dialog)
    ).confirm(
      {
        title: this.t.confirm.revokeTitle,
        message: this.t.confirm.revokeText(pat.name),
        confirmLabel: this.t.confirm.revokeConfirm,
        action: () => this.mutate('revoke', (api) => api.revokePat(pat.id)),
      },
      trigger,
    );
    if (done) this.emit('pat-revoked', { id: pat.id });
    return done;
  }

  /**
   * Deletes all the user's PATs once the host allowed it and the user confirmed (`count` is how
   * many the user is told of); how many went, or undefined when nothing was deleted.
   */
  protected async confirmDeleteAll(dialog: ConfirmDialogSource, count: number, trigger?: HTMLElement): Promise<number | undefined> {
    if (this.emit('pat-request-delete-all', { count }, { cancelable: true }).defaultPrevented) return undefined;
    let deleted = 0;
    const done = await (
      await dialogFrom(dialog)
    ).confirm(
      {
        title: this.t.confirm.deleteAllTitle,
        message: this.t.confirm.deleteAllText(count),
        confirmLabel: this.t.confirm.deleteAllConfirm(count),
        action: async () => (deleted = (await this.mutate('delete-all', (api) => api.deleteAllPats())).deleted),
      },
      trigger,
    );
    if (!done) return undefined;
    this.emit('pat-all-deleted', { deleted });
    return deleted;
  }

  /** Deletes `pat` once the host allowed it and the user confirmed; true when it is gone. */
  protected async confirmDelete(dialog: ConfirmDialogSource, pat: Pat, trigger?: HTMLElement): Promise<boolean> {
    if (this.emit('pat-request-delete', { id: pat.id, name: pat.name }, { cancelable: true }).defaultPrevented) return false;
    const done = await (
      await dialogFrom(dialog)
    ).confirm(
      {
        title: this.t.confirm.deleteTitle,
        message: this.t.confirm.deleteText(pat.name),
        confirmLabel: this.t.confirm.deleteConfirm,
        action: () => this.mutate('delete', (api) => api.deletePat(pat.id)),
      },
      trigger,
    );
    if (done) this.emit('pat-deleted', { id: pat.id });
    return done;
  }
}
