/**
 * One localization mechanism for every element: Shoelace's. Its LocalizeController re-renders
 * every connected element when the page's `lang` or `dir` changes or a translation is
 * registered, and Shoelace's own parts (a dialog's Close, a copy button) translate with ours.
 * PAT Kit's words live beside Shoelace's terms; English is built in, German and Arabic load the
 * first time a page asks for them, and a host registers any other language.
 */
import type { ReactiveControllerHost } from 'lit';
import { LocalizeController, registerTranslation } from '@shoelace-style/shoelace/dist/utilities/localize.js';
import { PatLocale } from '../common/format.js';
import { strings, type PatStrings } from './strings.js';

/** The languages PAT Kit ships besides English, each with Shoelace's own translation. */
const SHIPPED: Record<string, () => Promise<unknown>> = {
  de: () =>
    Promise.all([
      import('./translations/de.js').then(({ de }) => registerPatTranslation('de', 'Deutsch', 'ltr', de)),
      import('@shoelace-style/shoelace/dist/translations/de.js'),
    ]),
  ar: () =>
    Promise.all([
      import('./translations/ar.js').then(({ ar }) => registerPatTranslation('ar', 'العربية', 'rtl', ar)),
      import('@shoelace-style/shoelace/dist/translations/ar.js'),
    ]),
};

/** The language codes PAT Kit ships, English first. */
export const SHIPPED_LANGUAGES = ['en', ...Object.keys(SHIPPED)] as const;

const translations = new Map<string, PatStrings>([['en', strings]]);
const loads = new Map<string, Promise<void>>();
const locales = new Map<string, PatLocale>();

/**
 * Adds (or replaces) the words of a language, e.g. `registerPatTranslation('fr', 'Français', 'ltr', fr)`,
 * and re-renders every element. `code` is a BCP 47 tag: `pt` serves `pt-BR` too unless `pt-br` is registered.
 */
export function registerPatTranslation(code: string, name: string, dir: 'ltr' | 'rtl', words: PatStrings): void {
  const key = code.toLowerCase();
  translations.set(key, words);
  for (const lang of locales.keys()) if (lang === key || lang.startsWith(`${key}-`)) locales.delete(lang);
  registerTranslation({ $code: key, $name: name, $dir: dir });
}

/**
 * Loads a shipped language now (German `de`, Arabic `ar`), so that a page can wait for it and
 * never shows English first. Resolves at once for English and languages PAT Kit does not ship.
 */
export function loadPatTranslation(lang: string): Promise<void> {
  const language = lang.toLowerCase().split('-')[0]!;
  const load = SHIPPED[language];
  if (!load || translations.has(language)) return Promise.resolve();
  let loading = loads.get(language);
  if (!loading) {
    loading = load().then(
      () => undefined,
      // A failed chunk load leaves the page in English; the next element to render tries again.
      () => void loads.delete(language),
    );
    loads.set(language, loading);
  }
  return loading;
}

/** A tag Intl accepts, lower case: `de-ch`; English for anything it does not. */
function canonical(lang: string): string {
  try {
    return Intl.getCanonicalLocales(lang.replace(/_/g, '-'))[0]?.toLowerCase() ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * The language's words and formats. A language without words (not registered, or still
 * loading) is English throughout: a sentence never mixes English words with another
 * language's dates ("Expires dans 12 mois").
 */
export function localeFor(lang: string): PatLocale {
  const tag = canonical(lang);
  let locale = locales.get(tag);
  if (!locale) {
    const words = translations.get(tag) ?? translations.get(tag.split('-')[0]!);
    if (!words) void loadPatTranslation(tag);
    locale = words ? new PatLocale(tag, words) : new PatLocale('en', strings);
    // registerPatTranslation drops it when the language's words arrive.
    locales.set(tag, locale);
  }
  return locale;
}

/** The `lang` the element is in: its own, else its nearest ancestor's, across shadow roots. */
function nearestLang(element: Element): string {
  for (let node: Node | null = element; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    const lang = node instanceof Element ? node.getAttribute('lang') : null;
    if (lang) return lang;
  }
  return navigator.language || 'en';
}

/**
 * An element's language: the `lang` of the element or its nearest ancestor (through shadow
 * roots, so `<pat-manager lang="de">` reaches the elements inside it), else the browser's.
 * Resolved once per render.
 */
export class PatLocalize extends LocalizeController {
  #locale?: PatLocale;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    super(host);
  }

  override lang(): string {
    return this.locale.lang;
  }

  hostUpdate(): void {
    this.#locale = undefined;
  }

  /** The words and formats of the element's language. */
  get locale(): PatLocale {
    return (this.#locale ??= localeFor(nearestLang(this.host)));
  }
}
