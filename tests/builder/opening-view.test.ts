import { describe, expect, it } from 'vitest';
import { READABLE_ZOOM, isInView, openingViewport } from '../../builder/src/flows/canvas/opening-view.js';

/** The flow canvas opens at a zoom where node text can be read, showing where the call starts. */
describe('the canvas opening view', () => {
  it('a small flow is fitted whole and centred, never enlarged past 100%', () => {
    const v = openingViewport({ x: 0, y: 0, width: 400, height: 300 }, 800, 600);
    expect(v.zoom).toBe(1);
    expect(isInView({ x: 0, y: 0, width: 400, height: 300 }, [v.x, v.y, v.zoom], 800, 600)).toBe(true);
  });

  it('a flow too big to read when fitted opens at the readable zoom with its top and start node in view', () => {
    const bounds = { x: -300, y: 0, width: 1600, height: 2200 };
    const v = openingViewport(bounds, 790, 590, 400);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(READABLE_ZOOM).toBeGreaterThanOrEqual(0.6);
    // the entry (top of the flow, around x = 400) is on screen near the top
    expect(isInView({ x: 330, y: 0, width: 140, height: 60 }, [v.x, v.y, v.zoom], 790, 590)).toBe(true);
    expect(isInView(bounds, [v.x, v.y, v.zoom], 790, 590)).toBe(false);
  });
});
