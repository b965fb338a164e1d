import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { handCall, type HandCall } from '../../integration/reports-support.js';

/** Where ReportChart drew each bar (its `data-points`, set once drawn: a canvas has no elements to click). */
export type BarPoint = { s: number; i: number; x: number; y: number };

export async function barPoints(chart: Locator): Promise<BarPoint[]> {
  const canvas = chart.getByTestId('report-canvas');
  await canvas.waitFor();
  await expect.poll(() => canvas.getAttribute('data-points'), { timeout: 15_000 }).toBeTruthy();
  // once the chart stops moving (a resize redraws it, and the marks follow)
  let seen = '';
  for (let now = (await canvas.getAttribute('data-points'))!; now !== seen; now = (await canvas.getAttribute('data-points'))!) {
    seen = now;
    await canvas.page().waitForTimeout(400);
  }
  return JSON.parse(seen) as BarPoint[];
}

/**
 * Clicks the bar at `index` of the first series in the chart under `scope`, and returns the ids of the calls the
 * drill-down dialog lists (checked against the total it says).
 */
export async function drillIntoBar(page: Page, scope: Locator, index: number): Promise<string[]> {
  const bar = (await barPoints(scope)).find((p) => p.s === 0 && p.i === index)!;
  const box = (await scope.getByTestId('report-canvas').boundingBox())!;
  await page.mouse.click(box.x + bar.x, box.y + bar.y);
  const list = page.getByTestId('drill-list');
  await list.locator('[data-testid=call-table]').waitFor();
  const ids = await list.locator('tr[data-testid^=call-row-]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('call-row-'.length)));
  expect(Number(await list.getAttribute('data-total'))).toBe(ids.length);
  return ids.sort();
}

/** Today's hand-made calls, a few seconds old (the reports' "today" is the workspace's day). */
export class TodayCalls {
  readonly calls: HandCall[] = [];

  add(agentId: string, connected: boolean, extra: Partial<HandCall> = {}): void {
    const ringAt = new Date(Date.now() - 5_000 - this.calls.length * 1000).toISOString();
    this.calls.push(handCall(`rc-${randomUUID()}`, ringAt, {
      direction: 'out', agentId, ...(connected ? { answerAt: new Date(Date.parse(ringAt) + 3000), talkSec: 60 } : {}), ...extra,
    }));
  }

  /** The outbound connected calls of one agent, sorted by id. */
  connectedOf(agentId: string): string[] {
    return this.calls.filter((c) => c.agentId === agentId && c.direction === 'out' && c.answerAt).map((c) => c._id).sort();
  }
}

/** A bar chart of today's outbound connected calls per agent; the calls counted are those filtered, so a bar drills into exactly them. */
export function connectedByAgent(key: string) {
  return {
    kind: 'report', schemaVersion: 1, id: randomUUID(), key, label: { zh: '今日各坐席接通数', en: 'Connected calls per agent today' },
    source: 'calls', dateRange: { range: 'today' }, dimensions: [{ id: 'agent', by: 'owner' }],
    filter: { and: [{ field: 'direction', op: 'eq', value: 'out' }, { field: 'answerAt', op: 'isNotEmpty' }] },
    measures: [{ id: 'connected', op: 'count', label: { zh: '接通数', en: 'Connected' } }], visual: { type: 'bar' },
  };
}
