// Every error the API answers speaks the reader's language: its sentence comes from a capability's
// messages.ts (zh and en), never from a literal written at the throw. A static check over runtime/src: the
// message of every `new ApiError(...)` and `errorBody(...)`, and the `message` of the issues they carry.
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-scan.js';

/** The argument list of each call to `callee` in `text`, split at its top-level commas (strings and nesting respected). */
function callArguments(text: string, callee: string): { at: number; args: string[] }[] {
  const calls: { at: number; args: string[] }[] = [];
  for (let start = text.indexOf(callee); start >= 0; start = text.indexOf(callee, start + 1)) {
    let i = start + callee.length;
    const args: string[] = [];
    let depth = 0;
    let current = '';
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === "'" || c === '"' || c === '`') {
        const end = endOfString(text, i);
        current += text.slice(i, end + 1);
        i = end;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      }
      if (c === ',' && depth === 0) {
        args.push(current.trim());
        current = '';
      } else current += c;
    }
    if (current.trim()) args.push(current.trim());
    calls.push({ at: start, args });
  }
  return calls;
}

function endOfString(text: string, open: number): number {
  const quote = text[open]!;
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (quote === '`' && text[i] === '$' && text[i + 1] === '{') {
      let depth = 1;
      for (i += 2; depth > 0 && i < text.length; i++) {
        if (text[i] === '{') depth++;
        if (text[i] === '}') depth--;
      }
      i--;
    } else if (text[i] === quote) return i;
  }
  return text.length;
}

/** Words in a string literal's own text (a template's `${...}` parts are code, not words). */
const hasWords = (literal: string) => /[A-Za-z]{2,}|[\u4e00-\u9fff]/.test(literal.replace(/\$\{[^}]*\}/g, ''));
const STRING = /(['"`])(?:\\.|(?!\1)[^\\])*\1/g;

/** An argument without what is nested in it: the keys and values passed to `text(...)` are not sentences. */
function topLevel(arg: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = endOfString(arg, i);
      if (depth === 0) out += arg.slice(i, end + 1);
      i = end;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** A sentence written at the call: a string literal, or one chosen by a condition (`zh ? '...' : '...'`). */
const literalSentence = (arg: string) => [...topLevel(arg).matchAll(STRING)].some((m) => hasWords(m[0]));
/** `message: '...'` in the issues passed along (their path and code are identifiers, not sentences). */
const literalIssueMessage = (arg: string) => /message:\s*['"`]/.test(arg) && [...arg.matchAll(/message:\s*((['"`])(?:\\.|(?!\2)[^\\])*\2)/g)].some((m) => hasWords(m[1]!));

function literalErrors(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles('runtime/src')) {
    if (file.path.endsWith('messages.ts')) continue;
    for (const [callee, messageAt] of [['new ApiError(', 2], ['errorBody(', 2]] as const) {
      for (const call of callArguments(file.text, callee)) {
        if (callee === 'errorBody(' && file.text.slice(call.at - 9, call.at) === 'function ') continue;
        const line = file.text.slice(0, call.at).split('\n').length;
        const message = call.args[messageAt] ?? '';
        if (literalSentence(message)) found.push(`${file.path}:${line}: ${message}`);
        if (call.args.slice(messageAt + 1).some(literalIssueMessage)) found.push(`${file.path}:${line}: an issue's message is a literal`);
      }
    }
  }
  return found;
}

describe('API error texts', () => {
  it('come from the messages.ts catalogues (zh and en), never a literal at the throw', () => {
    expect(literalErrors()).toEqual([]);
  });

  it('every catalogue sentence is written in both languages: zh in Chinese, en without it', () => {
    const catalogues = sourceFiles('runtime/src').filter((f) => /(^|[/-])messages\.ts$/.test(f.path));
    expect(catalogues.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const file of catalogues) {
      const sentences = [...file.text.matchAll(/\b(zh|en):\s*\([^)]*\)\s*=>\s*((['"`])(?:\\.|(?!\3)[^\\])*\3)/g)];
      const count = (lang: string) => sentences.filter((m) => m[1] === lang).length;
      if (count('zh') !== count('en')) wrong.push(`${file.path}: ${count('zh')} zh and ${count('en')} en sentences`);
      for (const [, lang, literal] of sentences) {
        const chinese = /[\u3000-\u9fff\uff00-\uffef]/.test(literal!.replace(/\$\{[^}]*\}/g, ''));
        if ((lang === 'zh') !== chinese) wrong.push(`${file.path}: ${lang} ${literal}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the check itself sees a literal sentence, a chosen one and a literal issue message', () => {
    const sample = [
      "throw new ApiError(404, 'not_found', 'No such thing');",
      "throw new ApiError(409, 'x', zh ? '没有' : 'None', undefined);",
      "throw new ApiError(400, 'bad', text('bad', locale), [{ path: '/a', code: 'unknown', message: 'is not known' }]);",
      "throw new ApiError(400, 'ok', text('ok', locale, { name: 'x' }), [{ path: `/a/${i}`, code: 'c', message: text('c', locale) }]);",
      "throw new ApiError(400, 'ok', `${issue.path} ${issue.message}`, issues);",
    ].join('\n');
    const calls = callArguments(sample, 'new ApiError(');
    expect(calls.map((c) => literalSentence(c.args[2]!))).toEqual([true, true, false, false, false]);
    expect(calls.map((c) => c.args.slice(3).some(literalIssueMessage))).toEqual([false, false, true, false, false]);
  });
});
