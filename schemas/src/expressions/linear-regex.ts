import { RE2JS } from 're2js';

/**
 * JSONata's regular expressions run on RE2 (re2js, a pure JS port) instead of the backtracking RegExp:
 * matching is linear in the input, so `/^(a+)+$/` on a long string cannot stall. jsonata takes the engine
 * through its `RegexEngine` option and uses only `lastIndex` and `exec`, as on a global RegExp.
 */
export class LinearRegex {
  lastIndex = 0;
  private readonly pattern: RE2JS;

  constructor(re: RegExp) {
    this.pattern = compileLinear(re);
  }

  exec(text: string): RegExpExecArray | null {
    const matcher = this.pattern.matcher(text);
    if (this.lastIndex > text.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
    const result = Object.assign(groups, { index: matcher.start(), input: text }) as unknown as RegExpExecArray;
    this.lastIndex = matcher.end();
    return result;
  }
}

/** Throws (RE2JSSyntaxException) for what RE2 cannot run in linear time: backreferences, lookaround. */
export function compileLinear(re: RegExp): RE2JS {
  const flags = (re.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (re.multiline ? RE2JS.MULTILINE : 0);
  return RE2JS.compile(re.source, flags);
}
