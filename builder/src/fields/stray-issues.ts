import type { Issue } from '../api/issues';

// Suffixes (below /fields/N) that some input of the panel shows beside itself.
const SHOWN = [
  /^\/label(\/(zh|en))?$/,
  /^\/(key|type|section|required|default|min|max|minLength|maxLength|pattern|decimals|currency|defaultCountry|lenient)$/,
  /^\/(patternMessage|help)(\/(zh|en))?$/,
  /^\/(readOnly|unique|searchable|sortable|showInList|masked)$/,
  /^\/reference(\/.*)?$/,
  /^\/options(\/.*)?$/,
  /^\/access(\/[^/]+)?$/,
];

/**
 * Issues below a field that no input claims (a new check in @telesales/schemas, an unexpected key...):
 * shown at the top of the panel so nothing that blocks Publish is invisible.
 */
export function strayIssues(issues: readonly Issue[], pointer: string): Issue[] {
  return issues.filter((i) => {
    if (!i.path.startsWith(`${pointer}/`)) return false;
    const rest = i.path.slice(pointer.length);
    return !SHOWN.some((re) => re.test(rest));
  });
}
