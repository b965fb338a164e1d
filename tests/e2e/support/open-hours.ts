import type {} from '@telesales/runtime/calls/plugin';
import type { Product } from './product.js';

/**
 * The inbound flow checks business hours (Asia/Shanghai, weekdays 09:00-18:00): the calls run on a clock
 * moved to the next weekday at 10:00 there, ticking in real time, so a test passes at any hour.
 */
function openHoursOffset(): number {
  const target = new Date();
  target.setUTCHours(2, 0, 0, 0); // 10:00 in Shanghai
  if (target.getTime() <= Date.now()) target.setUTCDate(target.getUTCDate() + 1);
  while ([0, 6].includes(target.getUTCDay())) target.setUTCDate(target.getUTCDate() + 1);
  return target.getTime() - Date.now();
}

/** Puts the product's calls on the open-hours clock (timers do not keep the test process alive). */
export function useOpenHoursClock(product: Product): void {
  const offset = openHoursOffset();
  product.app.calls.useClock({
    now: () => Date.now() + offset,
    setTimeout(fn: () => void, ms: number) {
      const timer = setTimeout(fn, ms);
      timer.unref?.();
      return timer;
    },
    clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
}
