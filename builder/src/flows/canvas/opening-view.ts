import type { Rect, Viewport } from '@xyflow/react';

/** Below this zoom a node's text (12px) is too small to read: the canvas opens no further out than this. */
export const READABLE_ZOOM = 0.7;
/** Space kept free around the flow, in screen pixels. */
export const VIEW_PADDING = 24;

/**
 * Where the canvas opens: the whole flow, centred, if it fits at a readable zoom (at most 1); otherwise its
 * top (where the entry is) at the readable zoom, centred on `anchorX` (the start node's centre) so the
 * call's first steps are what the designer sees first. The rest is a pan or the fit button away.
 */
export function openingViewport(bounds: Rect, width: number, height: number, anchorX = bounds.x + bounds.width / 2): Viewport {
  const room = (size: number) => Math.max(size - 2 * VIEW_PADDING, 1);
  const fit = Math.min(room(width) / Math.max(bounds.width, 1), room(height) / Math.max(bounds.height, 1), 1);
  if (fit >= READABLE_ZOOM) {
    return { zoom: fit, x: width / 2 - (bounds.x + bounds.width / 2) * fit, y: height / 2 - (bounds.y + bounds.height / 2) * fit };
  }
  const zoom = READABLE_ZOOM;
  return { zoom, x: width / 2 - anchorX * zoom, y: VIEW_PADDING - bounds.y * zoom };
}

/** Whether a rectangle of the flow lies wholly inside the visible part of the canvas. */
export function isInView(bounds: Rect, [tx, ty, zoom]: readonly [number, number, number], width: number, height: number): boolean {
  const left = -tx / zoom;
  const top = -ty / zoom;
  return bounds.x >= left && bounds.y >= top && bounds.x + bounds.width <= left + width / zoom && bounds.y + bounds.height <= top + height / zoom;
}
