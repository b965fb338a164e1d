// What a page shows as its own words (UI chrome), and the check that none of them is in the other language.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export type UiLanguage = 'zh' | 'en';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Every string leaf of a catalogue, placeholders ({name}, {{name}}) cut out: the fixed pieces a page may show. */
export function catalogueStrings(catalogue: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      // ICU plurals ({n, plural, one {…} other {…}}) and placeholders: keep the words between them
      for (const piece of v.split(/\{\{?[^{}]*\}?\}|[{}]/)) if (piece.trim()) out.push(piece.trim());
    } else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(catalogue);
  return out;
}

/** The console's catalogues of one language (console/src/lib/i18n/*.<lang>.json, plus <lang>.json). */
export function consoleCatalogue(lang: UiLanguage): string[] {
  const dir = join(root, 'console/src/lib/i18n');
  return readdirSync(dir)
    .filter((f) => f === `${lang}.json` || f.endsWith(`.${lang}.json`))
    .flatMap((f) => catalogueStrings(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
}

/** The builder's catalogue of one language (builder/src/i18n/<lang>.ts and the files it spreads in). */
export async function builderCatalogue(lang: UiLanguage): Promise<string[]> {
  const mod = (await import(join(root, `builder/src/i18n/${lang}.ts`))) as Record<string, unknown>;
  return catalogueStrings(mod[lang]);
}

/**
 * Data: what definitions, templates and records hold (customer names, field and option labels in both
 * languages, people's and teams' names and logins). It is stored per language or as typed, so it is not the UI's words.
 * In the builder, which edits definitions, everything a definition says is data (keys, node names, expressions).
 */
export function templateData(template = 'insurance', everyDefinitionString = false): string[] {
  const out = new Set<string>();
  const isLocal = (v: object) => Object.keys(v).length > 0 && Object.keys(v).every((k) => k === 'zh' || k === 'en');
  const walk = (v: unknown, all: boolean) => {
    if (typeof v === 'string') {
      if (all) out.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, all));
    else if (v && typeof v === 'object') {
      if (isLocal(v)) Object.values(v).forEach((x) => walk(x, true));
      else for (const [k, x] of Object.entries(v)) walk(x, all || k === 'values' || k === 'name' || k === 'login');
    }
  };
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.json') ? [join(dir, f)] : []));
  for (const file of files(join(root, 'templates', template))) walk(JSON.parse(readFileSync(file, 'utf8')), everyDefinitionString || file.includes('/demo/'));
  return [...out].filter((s) => s.trim().length > 0);
}

export interface ShownText {
  text: string;
  /** where: the text node's element (tag#testid) or the attribute's name */
  where: string;
}

/**
 * The texts a person sees (text nodes of visible elements, the options of visible selects) or hears from a
 * screen reader (title, placeholder and aria-label attributes). Code, keys and input values are left out:
 * <code>, <kbd>, <pre> and [translate=no] mark what the page shows as written in a definition or record; so is text marked (lang) as the other language, such as a language's own name.
 */
export async function shownTexts(page: Page): Promise<ShownText[]> {
  return page.evaluate(() => {
    const out: { text: string; where: string }[] = [];
    // a text marked as another language (the language switch names 中文 in Chinese) is meant to be in it
    const pageLang = document.documentElement.lang.slice(0, 2);
    const otherLang = (el: Element) => (el.closest('[lang]')?.getAttribute('lang') ?? pageLang).slice(0, 2) !== pageLang;
    // code and what is marked not to be translated (an expression input) are the same in any language; a
    // textarea's text is its value (data)
    const skip = (el: Element) => !!el.closest('code, kbd, pre, script, style, textarea, [translate=no]') || otherLang(el);
    const visible = (el: Element): boolean => {
      if (el instanceof HTMLOptionElement) return !!el.parentElement?.closest('select') && visible(el.closest('select')!);
      return el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
    };
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.closest('[data-testid]') ? `@${el.closest('[data-testid]')!.getAttribute('data-testid')}` : ''}`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!el || !text || skip(el) || !visible(el)) continue;
      out.push({ text, where: name(el) });
    }
    for (const el of document.body.querySelectorAll('[title], [placeholder], [aria-label]')) {
      if (skip(el) || !visible(el)) continue;
      for (const attr of ['title', 'placeholder', 'aria-label']) {
        const text = (el.getAttribute(attr) ?? '').replace(/\s+/g, ' ').trim();
        if (text) out.push({ text, where: `${name(el)}[${attr}]` });
      }
    }
    out.push({ text: document.title, where: 'document.title' });
    return out;
  });
}

/** Waits until the page stops changing what it shows (loads answered, lists drawn): 300 ms without a change. */
export async function settle(page: Page, maxMs = 6_000): Promise<void> {
  const end = Date.now() + maxMs;
  let last = '';
  let stableSince = Date.now();
  while (Date.now() < end) {
    const now = await page.evaluate(() => document.body.innerText).catch(() => '');
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 300) return;
    await page.waitForTimeout(100);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

export interface LanguageCheck {
  /** the UI language the page is in */
  lang: UiLanguage;
  /** the other language's catalogue */
  foreign: string[];
  /** this language's catalogue: a string in both is the same word in both languages (e.g. "CSV") */
  own: string[];
  /** data strings (templateData plus what the test created) */
  data: string[];
  /** words the zh UI may show in Latin letters (product names, formats), each with its reason */
  latinAllowed: Record<string, string>;
}

/**
 * The shown texts that are in the other language: once the data they contain is cut out, a text that
 * contains a phrase of the other catalogue (as whole words), or, in the zh UI, a Latin word that is not
 * allowed, or, in the en UI, a Chinese character.
 */
export function foreignTexts(shown: ShownText[], check: LanguageCheck): string[] {
  const own = new Set(check.own);
  const data = [...new Set(check.data)].filter((d) => d.trim().length >= 2).sort((a, b) => b.length - a.length);
  // a Latin data string is cut out as whole words only ("b", a level, is not the b in "inbound")
  const cut = (text: string, d: string) =>
    /[A-Za-z]/.test(d) ? text.replace(new RegExp(`(^|[^A-Za-z])${escape(d)}(?![A-Za-z])`, 'g'), '$1 ') : text.split(d).join(' ');
  // Latin catalogue phrases match as whole words; Chinese ones anywhere (Chinese has no spaces).
  const phrases = [...new Set(check.foreign)]
    .filter((p) => !own.has(p) && (check.lang === 'zh' ? /[A-Za-z]{2,}/.test(p) : CJK.test(p)))
    .map((p) => ({ p, re: check.lang === 'zh' ? new RegExp(`(^|[^A-Za-z])${escape(p)}($|[^A-Za-z])`) : new RegExp(escape(p)) }));
  const allowed = new Set(Object.keys(check.latinAllowed).map((w) => w.toLowerCase()));
  const found = new Set<string>();
  for (const { text, where } of shown) {
    let rest = text;
    for (const d of data) if (rest.includes(d)) rest = cut(rest, d);
    const hit = phrases.find(({ re }) => re.test(rest));
    const stray =
      check.lang === 'zh'
        ? rest.split(/[^A-Za-z0-9]+/).find((w) => /^[A-Za-z]{2,}$/.test(w) && !allowed.has(w.toLowerCase()))
        : CJK.test(rest)
          ? rest
          : undefined;
    if (hit || stray) found.add(`${where}: "${text}"${hit ? ` (catalogue: "${hit.p}")` : ` ("${stray}")`}`);
  }
  return [...found];
}
