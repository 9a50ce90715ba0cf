// Generated from custom-elements.json by scripts/jsx-types.mjs (npm run build:manifest): do not edit.
import type { PatEventMap, PatActivity, PatApiProvider, PatCreateForm, PatDetail, PatDurationPicker, PatManager, PatScopeEditor, PatSecretBanner, PatTable, PatUsageChart, PatUserMenu } from './dist/lib/types/components/index.js';

/**
 * `<pat-activity>`: A token's history as a timeline, newest first: each event a sentence in the user's
 * language (created, renamed, described, scopes added or removed, allowed addresses changed,
 * revoked, revoked automatically for a leak report (where the secret was found, and who found
 * it), regenerated, expired (by its lifetime, or unused for its idle limit), deleted, first used
 * from a new client address or refused there) with an icon, when it happened (how long ago and
 * the date and time), who did it when it was not the token's owner, and the client address and
 * user agent of the request. Show more loads the
 * next page. Without `pat-id`, the history of all the user's tokens, deleted ones' included, each
 * event under its token's name.
 *
 * The history is an optional part of the API (`listPatEvents`, `listEvents`): with a client
 * that lacks it (`backend="supermq"`, or a host's own client without it) the element renders
 * nothing visible, only its base part, hidden.
 */
export interface PatActivityProps {
  /** The token whose history to show; without it, the history of all the user's tokens. */
  patId?: PatActivity['patId'];
  /** How many events a page holds (Show more loads the next), from 1 to 100. */
  pageSize?: PatActivity['pageSize'];
  /**
   * The user id of the tokens' owner (the signed-in user): an event someone else made names who
   * made it. `<pat-detail>` sets it to its token's owner.
   */
  owner?: PatActivity['owner'];
  /** The token whose history to show; without it, the history of all the user's tokens. */
  'pat-id'?: PatActivity['patId'];
  /** How many events a page holds (Show more loads the next), from 1 to 100. */
  'page-size'?: PatActivity['pageSize'];
}

/**
 * `<pat-api-provider>`: Gives every PAT Kit element inside it the API client: an `HttpPatApi` at `base-url`
 * with the user's bearer token (a `SuperMqPatApi` when `backend` is `supermq`), or a client of
 * the host's own.
 */
export interface PatApiProviderProps {
  api?: PatApiProvider['api'];
  /** Where the PAT routes are mounted. */
  baseUrl?: PatApiProvider['baseUrl'];
  /**
   * What answers at `base-url`: `pat-kit` (PAT Kit's server) or `supermq` (an unmodified
   * Magistrala/SuperMQ backend, whose PAT routes answer differently).
   */
  backend?: PatApiProvider['backend'];
  /** The signed-in user's access token. Never an attribute: tokens stay out of the DOM. */
  token?: PatApiProvider['token'];
  /** Asked before every call, for hosts that refresh their tokens; wins over `token`. */
  getToken?: PatApiProvider['getToken'];
  /** A client of the host's own (a test double, another transport); wins over the rest. */
  client?: PatApiProvider['client'];
  /** Where the PAT routes are mounted. */
  'base-url'?: PatApiProvider['baseUrl'];
}

/**
 * `<pat-confirm-dialog>`: Asks before anything is destroyed (or done that needs a second look), names what will
 * go, and runs the action itself so a failure is shown where the user is looking.
 */
export type PatConfirmDialogProps = object;

/**
 * `<pat-create-form>`: Creates a PAT: name, expiry, how long it may go unused (where the server has idle
 * expiry: its catalog's `max_idle`), description, scopes and, where the API has allowlists
 * (`setAllowedIps`), the client addresses it may be used from, sent as one request (scopes beyond
 * the API's 100 a request right after it, or nothing is made). Server errors land on their fields
 * (a refused address names its line); nothing the user typed is lost; a second submit is impossible.
 */
export interface PatCreateFormProps {
  /** The name to start with. */
  name?: PatCreateForm['name'];
  /** The description to start with. */
  description?: PatCreateForm['description'];
  /** The duration to start with (`"30d"`); the catalog's default otherwise. */
  duration?: PatCreateForm['duration'];
  /**
   * The idle limit to start with (`"30d"`): unused this long, the PAT expires. Empty for the
   * default: the server's limit (the catalog's `max_idle`), or Never where it has none. A limit
   * the server would refuse starts with the default too.
   */
  maxIdle?: PatCreateForm['maxIdle'];
  /** The scopes to start with: a JSON array attribute, or an array property. The editor owns them after that. */
  scopes?: PatCreateForm['scopes'];
  /**
   * The client addresses and CIDR ranges to start with (`203.0.113.0/24`): an array property, or
   * an attribute that separates them with spaces or commas. Shown and sent only where the API has
   * allowlists (`setAllowedIps`); the field owns them after that.
   */
  allowedIps?: PatCreateForm['allowedIps'];
  /** Offers entity names in the scope editor; see `<pat-scope-editor>`. */
  entityLookup?: PatCreateForm['entityLookup'];
  /**
   * The idle limit to start with (`"30d"`): unused this long, the PAT expires. Empty for the
   * default: the server's limit (the catalog's `max_idle`), or Never where it has none. A limit
   * the server would refuse starts with the default too.
   */
  'max-idle'?: PatCreateForm['maxIdle'];
  /**
   * The client addresses and CIDR ranges to start with (`203.0.113.0/24`): an array property, or
   * an attribute that separates them with spaces or commas. Shown and sent only where the API has
   * allowlists (`setAllowedIps`); the field owns them after that.
   */
  'allowed-ips'?: PatCreateForm['allowedIps'];
  /** The PAT exists; `detail.pat` carries its one-time `secret`. */
  'onpat-created'?: (event: CustomEvent<PatEventMap['pat-created']>) => void;
  /** The user chose Cancel. */
  'onpat-cancel'?: (event: CustomEvent<PatEventMap['pat-cancel']>) => void;
  /** The request failed; `detail.action` is `create`. */
  'onpat-error'?: (event: CustomEvent<PatEventMap['pat-error']>) => void;
}

/**
 * `<pat-detail>`: One PAT: rename and describe it in place, copy its id, see its status and use,
 * revoke, regenerate or duplicate it, manage its scopes and, where the API client has
 * allowlists (`setAllowedIps`), the client addresses it may be used from; see its idle limit
 * (how long it may go unused, and until when; why it expired when it went unused); below them,
 * its checks per day (`<pat-usage-chart>`) and its history (`<pat-activity>`), where the API
 * client has them. Shows the one-time secret after create or regenerate. A PAT a leak report revoked
 * (`leak`) is headed by an alert: where its secret was found, who found it and when, and
 * Regenerate.
 */
export interface PatDetailProps {
  /** The PAT to show. */
  patId?: PatDetail['patId'];
  /** The one-time secret to show above the details: set it from the create response. Never an attribute. */
  secret?: PatDetail['secret'];
  /** Opens a dialog as soon as the PAT is loaded: `add-scope` or `regenerate`. */
  action?: PatDetail['action'];
  /** Offers entity names in the Add Scope dialog; see `<pat-scope-editor>`. */
  entityLookup?: PatDetail['entityLookup'];
  /** The PAT to show. */
  'pat-id'?: PatDetail['patId'];
  /** The name, description or allowed addresses were saved; `detail.pat` is the PAT now. */
  'onpat-updated'?: (event: CustomEvent<PatEventMap['pat-updated']>) => void;
  /** The PAT was revoked. */
  'onpat-revoked'?: (event: CustomEvent<PatEventMap['pat-revoked']>) => void;
  /** The PAT has a new secret (shown in the banner). */
  'onpat-regenerated'?: (event: CustomEvent<PatEventMap['pat-regenerated']>) => void;
  /** The PAT was deleted. */
  'onpat-deleted'?: (event: CustomEvent<PatEventMap['pat-deleted']>) => void;
  /** Scopes were added or deleted; `detail.scopes` are all of them now. */
  'onpat-scopes-changed'?: (event: CustomEvent<PatEventMap['pat-scopes-changed']>) => void;
  /** Cancelable, before the revoke confirmation. */
  'onpat-request-revoke'?: (event: CustomEvent<PatEventMap['pat-request-revoke']>) => void;
  /** Cancelable, before the regenerate dialog. */
  'onpat-request-regenerate'?: (event: CustomEvent<PatEventMap['pat-request-regenerate']>) => void;
  /** Cancelable: Duplicate was chosen. `<pat-manager>` then opens the create form filled from the PAT; a host without it opens its own. */
  'onpat-request-duplicate'?: (event: CustomEvent<PatEventMap['pat-request-duplicate']>) => void;
  /** Cancelable, before the delete confirmation. */
  'onpat-request-delete'?: (event: CustomEvent<PatEventMap['pat-request-delete']>) => void;
  /** Cancelable, before one scope's delete confirmation. */
  'onpat-request-delete-scope'?: (event: CustomEvent<PatEventMap['pat-request-delete-scope']>) => void;
  /** Cancelable, before the delete-all-scopes confirmation. */
  'onpat-request-delete-scopes'?: (event: CustomEvent<PatEventMap['pat-request-delete-scopes']>) => void;
  /** A request failed; `detail.action` names it. */
  'onpat-error'?: (event: CustomEvent<PatEventMap['pat-error']>) => void;
}

/**
 * `<pat-duration-picker>`: Chooses how long a PAT lives: the catalog's presets or a custom expiry date, checked
 * against the maximum lifetime, with the resulting expiry shown as you choose.
 */
export interface PatDurationPickerProps {
  /** The chosen duration (`"30d"`). Set it to preselect a preset; empty picks the catalog's first. */
  value?: PatDurationPicker['value'];
  /** The field's label; "Expiration", in the element's language, when empty. */
  label?: PatDurationPicker['label'];
  /** An error to show under the field (e.g. the server's message for `duration`). */
  errorMessage?: PatDurationPicker['errorMessage'];
  /** The catalog to use instead of fetching it (presets and the maximum lifetime). */
  catalog?: PatDurationPicker['catalog'];
  /** An error to show under the field (e.g. the server's message for `duration`). */
  'error-message'?: PatDurationPicker['errorMessage'];
  /** The user chose a duration; `detail.duration` is what the API takes (`"30d"`, or the exact time to the end of a custom date), `detail.expiresAt` when it ends. */
  'onpat-duration-change'?: (event: CustomEvent<PatEventMap['pat-duration-change']>) => void;
}

/**
 * `<pat-manager>`: The whole PAT feature in one tag: the list, the create form and a PAT's details,
 * routed by the URL hash (`#/pats`, `#/pats/new`, `#/pats/<id>`) or by the host's router.
 *
 * Duplicate (in a row's menu or on a PAT's page) opens the create view filled from the PAT: its
 * name made unique (`"x (copy)"`, `"x (copy 2)"`, …), description, nearest expiry preset, all
 * its scopes, the client addresses it may be used from and its idle limit, once all of them are
 * read (until then it shows that it loads, or what failed).
 */
export interface PatManagerProps {
  /**
   * The view's path for hosts with their own router (`/pats`, `/pats/new`, `/pats/<id>`).
   * Left unset, the manager follows and writes the URL hash itself.
   */
  route?: PatManager['route'];
  /** Offers entity names when choosing scopes; see `<pat-scope-editor>`. */
  entityLookup?: PatManager['entityLookup'];
  /** The user moved to another view; `detail.route` is its path (`/pats/new`). With `route` set by the host, the manager only asks: the host routes and sets `route`. */
  'onpat-navigate'?: (event: CustomEvent<PatEventMap['pat-navigate']>) => void;
  /** Bubbles up from the list when a PAT is opened. */
  'onpat-select'?: (event: CustomEvent<PatEventMap['pat-select']>) => void;
  /** Bubbles up from the create form; the manager then shows the new PAT with its secret. */
  'onpat-created'?: (event: CustomEvent<PatEventMap['pat-created']>) => void;
  /** Bubbles up from the list: its filter, search, sort or page changed. */
  'onpat-query-change'?: (event: CustomEvent<PatEventMap['pat-query-change']>) => void;
  /** Bubbles up from the create form; the manager then goes back to the list. */
  'onpat-cancel'?: (event: CustomEvent<PatEventMap['pat-cancel']>) => void;
  /** Bubbles up from the details: the name or description was saved. */
  'onpat-updated'?: (event: CustomEvent<PatEventMap['pat-updated']>) => void;
  /** Bubbles up from the list or the details: a PAT was revoked. */
  'onpat-revoked'?: (event: CustomEvent<PatEventMap['pat-revoked']>) => void;
  /** Bubbles up from the details: a PAT has a new secret. */
  'onpat-regenerated'?: (event: CustomEvent<PatEventMap['pat-regenerated']>) => void;
  /** Bubbles up from the list or the details: a PAT was deleted. */
  'onpat-deleted'?: (event: CustomEvent<PatEventMap['pat-deleted']>) => void;
  /** Bubbles up from the list: all PATs were deleted. */
  'onpat-all-deleted'?: (event: CustomEvent<PatEventMap['pat-all-deleted']>) => void;
  /** Bubbles up from the details: scopes were added or deleted. */
  'onpat-scopes-changed'?: (event: CustomEvent<PatEventMap['pat-scopes-changed']>) => void;
  /** Bubbles up, cancelable, before a PAT is deleted. */
  'onpat-request-delete'?: (event: CustomEvent<PatEventMap['pat-request-delete']>) => void;
  /** Bubbles up, cancelable, before all PATs are deleted. */
  'onpat-request-delete-all'?: (event: CustomEvent<PatEventMap['pat-request-delete-all']>) => void;
  /** Bubbles up, cancelable, before a PAT is revoked. */
  'onpat-request-revoke'?: (event: CustomEvent<PatEventMap['pat-request-revoke']>) => void;
  /** Bubbles up, cancelable, before the regenerate dialog. */
  'onpat-request-regenerate'?: (event: CustomEvent<PatEventMap['pat-request-regenerate']>) => void;
  /** Bubbles up, cancelable, from the list or the details before the manager opens the copy's create view: `preventDefault()` keeps the manager out of it. */
  'onpat-request-duplicate'?: (event: CustomEvent<PatEventMap['pat-request-duplicate']>) => void;
  /** Bubbles up, cancelable, before a scope is deleted. */
  'onpat-request-delete-scope'?: (event: CustomEvent<PatEventMap['pat-request-delete-scope']>) => void;
  /** Bubbles up, cancelable, before all of a PAT's scopes are deleted. */
  'onpat-request-delete-scopes'?: (event: CustomEvent<PatEventMap['pat-request-delete-scopes']>) => void;
  /** Bubbles up from any view: a request failed; `detail.action` names it (`duplicate` from the manager itself: what a copy starts with could not be read). */
  'onpat-error'?: (event: CustomEvent<PatEventMap['pat-error']>) => void;
}

/**
 * `<pat-regenerate-dialog>`: Regenerates a PAT: asks for a new expiry, issues a new secret, keeps the name,
 * description and scopes.
 */
export interface PatRegenerateDialogProps {
  /** The PAT has a new secret; `detail.pat` carries it (shown once). */
  'onpat-regenerated'?: (event: CustomEvent<PatEventMap['pat-regenerated']>) => void;
  /** The request failed; `detail.action` is `regenerate`. */
  'onpat-error'?: (event: CustomEvent<PatEventMap['pat-error']>) => void;
}

/**
 * `<pat-scope-editor>`: Edits a list of scopes as rows of entity type → operations → entities (some ids, or
 * All) → domain, driven entirely by the catalog. A row with several operations or ids stands
 * for one scope each; duplicates are flagged before anything is sent.
 */
export interface PatScopeEditorProps {
  /** The scopes to start from (grouped into rows by type, entity and domain). */
  value?: PatScopeEditor['value'];
  /** The catalog to use instead of fetching it. */
  catalog?: PatScopeEditor['catalog'];
  /** Turns the entity field into a search (a combobox with a list of suggestions) that shows names. */
  entityLookup?: PatScopeEditor['entityLookup'];
  /** Start with one empty row when `value` is empty. */
  startWithRow?: PatScopeEditor['startWithRow'];
  /** Start with one empty row when `value` is empty. */
  'start-with-row'?: PatScopeEditor['startWithRow'];
  /** The user changed the rows; `detail.scopes` is the expanded list. */
  'onpat-scopes-change'?: (event: CustomEvent<PatEventMap['pat-scopes-change']>) => void;
}

/**
 * `<pat-secret-banner>`: The one time a PAT's secret is shown: in full, in monospace, with a copy button and
 * the warning that it will not be shown again. The secret is a property only — never an
 * attribute, the URL or storage — so it is gone after a reload.
 */
export interface PatSecretBannerProps {
  /** The secret to show. Set it from the create or regenerate response; never from markup. */
  secret?: PatSecretBanner['secret'];
}

/**
 * `<pat-table>`: The user's PATs: counts that filter, search, status filter, sortable columns,
 * pagination and a menu of actions on each row. A row's end is when its PAT stops working: its
 * expiry, or sooner, unless it is used, its idle limit (marked with an hourglass).
 *
 * The row menu animates as Shoelace's elements do: its animations are `pat-table.row-menu.show`
 * and `pat-table.row-menu.hide` in Shoelace's animation registry (`setAnimation(table, …)` for
 * one table, `setDefaultAnimation(…)` for all).
 */
export interface PatTableProps {
  /**
   * The status filter: `active`, `expiring` (active, expiring within a week), `revoked`,
   * `expired` or `all`, or several comma-separated (`revoked,expired`).
   */
  status?: PatTable['status'];
  /** The name search (substring, case-insensitive). */
  search?: PatTable['search'];
  /** The sort key: `issued_at`, `expires_at`, `name` or `last_used_at`. */
  sort?: PatTable['sort'];
  /** The sort direction: `desc` or `asc`. (Not `dir`: that is the element's text direction.) */
  sortDir?: PatTable['sortDir'];
  /** The page shown, from 1. */
  page?: PatTable['page'];
  /** Rows per page: 10, 25 or 50. */
  pageSize?: PatTable['pageSize'];
  /** The sort direction: `desc` or `asc`. (Not `dir`: that is the element's text direction.) */
  'sort-dir'?: PatTable['sortDir'];
  /** Rows per page: 10, 25 or 50. */
  'page-size'?: PatTable['pageSize'];
  /** A row was opened (click, Enter, or View). `detail.id` is the PAT's id. */
  'onpat-select'?: (event: CustomEvent<PatEventMap['pat-select']>) => void;
  /** Create PAT, Add scope or Regenerate was chosen: `detail.route` is `/pats/new`, `/pats/<id>/add-scope` or `/pats/<id>/regenerate`. */
  'onpat-navigate'?: (event: CustomEvent<PatEventMap['pat-navigate']>) => void;
  /** The user changed the filter, search, sort or page; `detail` is the new state. */
  'onpat-query-change'?: (event: CustomEvent<PatEventMap['pat-query-change']>) => void;
  /** Cancelable, before one PAT is deleted. */
  'onpat-request-delete'?: (event: CustomEvent<PatEventMap['pat-request-delete']>) => void;
  /** Cancelable, before all PATs are deleted. */
  'onpat-request-delete-all'?: (event: CustomEvent<PatEventMap['pat-request-delete-all']>) => void;
  /** Cancelable, before a PAT is revoked. */
  'onpat-request-revoke'?: (event: CustomEvent<PatEventMap['pat-request-revoke']>) => void;
  /** Cancelable: Duplicate was chosen. `<pat-manager>` then opens the create form filled from the PAT; a host without it opens its own. */
  'onpat-request-duplicate'?: (event: CustomEvent<PatEventMap['pat-request-duplicate']>) => void;
  /** A PAT was deleted. */
  'onpat-deleted'?: (event: CustomEvent<PatEventMap['pat-deleted']>) => void;
  /** All PATs were deleted; `detail.deleted` is how many. */
  'onpat-all-deleted'?: (event: CustomEvent<PatEventMap['pat-all-deleted']>) => void;
  /** A PAT was revoked. */
  'onpat-revoked'?: (event: CustomEvent<PatEventMap['pat-revoked']>) => void;
  /** A request failed; `detail.action` names it. */
  'onpat-error'?: (event: CustomEvent<PatEventMap['pat-error']>) => void;
}

/**
 * `<pat-usage-chart>`: A token's checks per day as a small bar chart: allowed and refused (a scope did not
 * grant it, or the token was revoked or expired) for each of the last `days` UTC days, today
 * last, with the totals in words ("1,204 allowed · 3 denied in the last 30 days"). Screen
 * readers get the chart's name, the totals and a table of the days; the bars run the way the
 * text does (today at the left in right-to-left languages).
 *
 * The daily use is an optional part of the API (`getPatUsage`): with a client that lacks it
 * (`backend="supermq"`, or a host's own client without it) the element renders nothing visible,
 * only its base part, hidden; so without `pat-id`.
 */
export interface PatUsageChartProps {
  /** The token whose use to show. */
  patId?: PatUsageChart['patId'];
  /** How many days, today the last: from 1 to 90. */
  days?: PatUsageChart['days'];
  /** The token whose use to show. */
  'pat-id'?: PatUsageChart['patId'];
}

/**
 * `<pat-user-menu>`: The avatar button of a portal's top bar: opens a popover with the user's name and
 * email, the host's own items, and the entry to the Personal Access Tokens.
 */
export interface PatUserMenuProps {
  /** The user's name, shown in the popover and used for the initials. */
  name?: PatUserMenu['name'];
  /** The user's email, under their name. */
  email?: PatUserMenu['email'];
  /** A picture of the user; initials otherwise. */
  image?: PatUserMenu['image'];
  /** Where "Personal Access Tokens" leads; without it the entry emits `pat-navigate`. */
  href?: PatUserMenu['href'];
  /** Show the name and email beside the avatar in the top bar, not only in the popover. */
  showName?: PatUserMenu['showName'];
  /** Show the name and email beside the avatar in the top bar, not only in the popover. */
  'show-name'?: PatUserMenu['showName'];
  /** The user chose "Personal Access Tokens" and no `href` is set; `detail.route` is `/pats`. */
  'onpat-navigate'?: (event: CustomEvent<PatEventMap['pat-navigate']>) => void;
}

/** Every PAT Kit tag with its props. */
export interface PatKitElements {
  'pat-activity': PatActivityProps;
  'pat-api-provider': PatApiProviderProps;
  'pat-confirm-dialog': PatConfirmDialogProps;
  'pat-create-form': PatCreateFormProps;
  'pat-detail': PatDetailProps;
  'pat-duration-picker': PatDurationPickerProps;
  'pat-manager': PatManagerProps;
  'pat-regenerate-dialog': PatRegenerateDialogProps;
  'pat-scope-editor': PatScopeEditorProps;
  'pat-secret-banner': PatSecretBannerProps;
  'pat-table': PatTableProps;
  'pat-usage-chart': PatUsageChartProps;
  'pat-user-menu': PatUserMenuProps;
}

/**
 * The tags for a framework's `JSX.IntrinsicElements`, each with `Base`: the framework's own
 * attributes of any element (`children`, `class`, `ref`, …).
 */
export type PatKitIntrinsicElements<Base = object> = { [Tag in keyof PatKitElements]: Base & PatKitElements[Tag] };
