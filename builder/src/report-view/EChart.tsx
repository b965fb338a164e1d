import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/**
 * One ECharts instance in a div: created on mount, given each new option, resized with its box (dashboard tiles
 * change size), disposed on unmount. The canvas renderer draws text into pixels, so labels are data only.
 */
export function EChart({ option, testId }: { option: Record<string, unknown>; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = box.current!;
    chart.current = echarts.init(el);
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={box} className="echart" data-testid={testId ?? 'report-chart'} data-series={JSON.stringify((option.series as Array<{ data?: unknown[] }> | undefined)?.map((s) => s.data?.length ?? 0) ?? [])} />;
}
