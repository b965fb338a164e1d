// The leak check of the masked-number tests: no text a page received may carry a run of a number's digits.
import { expect } from 'vitest';

/** Every run of `length` digits of the number: a masked form shows at most its last 4, so none may appear. */
export function digitRuns(number: string, length = 7): string[] {
  const digits = number.replace(/\D/g, '');
  const runs: string[] = [];
  for (let i = 0; i + length <= digits.length; i++) runs.push(digits.slice(i, i + length));
  return runs;
}

/** Digits as a leak would show them: separators between digits removed ("138 8183-6553" -> "13881836553"). */
export const squeeze = (text: string) => text.replace(/(?<=\d)[\s-]+(?=\d)/g, '');

/** Fails naming the run and the texts when any of `texts` carries a run of the number's digits. */
export function expectNoDigitsOf(texts: string[], number: string, whose: string): void {
  for (const run of digitRuns(number)) {
    const leaks = texts.filter((t) => squeeze(t).includes(run));
    expect(leaks.map((t) => t.slice(0, 200)), `digits ${run} of ${whose}`).toEqual([]);
  }
}
