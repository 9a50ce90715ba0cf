import type { FieldError } from '../../contract/index.js';
import type { PatStrings } from '../i18n/strings.js';

/** One entry of an allowlist as the user typed it, and the line it is on (from 1). */
export interface IpLine {
  line: number;
  entry: string;
}

/**
 * An allowlist typed one address or CIDR range a line: each line trimmed, blank ones dropped.
 * The API checks and normalizes the entries; its field errors name them by their place in the
 * list sent (`allowed_ips[2]`), which `ipLineErrors` turns back into lines.
 */
export function ipLines(text: string): IpLine[] {
  return text
    .split(/\r?\n/)
    .map((entry, index) => ({ line: index + 1, entry: entry.trim() }))
    .filter(({ entry }) => entry !== '');
}

/** The allowlist shown in a text area: one entry a line. */
export function ipText(allowedIps: readonly string[]): string {
  return allowedIps.join('\n');
}

const ENTRY = /^allowed_ips\[(\d+)\]$/;

/** Whether the API's field error is about the allowlist: the whole list, or one of its entries. */
export function isIpField(field: string): boolean {
  return field === 'allowed_ips' || ENTRY.test(field);
}

/**
 * The API's errors about the allowlist `lines` was sent as, each a sentence: one about an entry
 * names its line ("Line 3 (“10.0.0.300”) must be …"), one about the list names the field
 * (`label`). Empty when none is about it.
 */
export function ipLineErrors(details: readonly FieldError[], lines: readonly IpLine[], label: string, t: PatStrings): string[] {
  return details
    .filter((detail) => isIpField(detail.field))
    .map((detail) => {
      const index = ENTRY.exec(detail.field)?.[1];
      const sent = index === undefined ? undefined : lines[Number(index)];
      return sentence(`${sent ? t.allowedIps.line(sent.line, sent.entry) : label} ${detail.message}`);
    });
}

/** "Name is already used" from "name is already used": a capital first letter and a full stop. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}
