import { useEffect, useRef } from 'react';
import { BarChart, FunnelChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the charts a report's visual names (ECharts is tree-shaken per chart type), drawn on canvas.
echarts.use([BarChart, LineChart, PieChart, FunnelChart, GaugeChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * One ECharts instance in a div: created on mount, given each new option, resized with its box (dashboard tiles
 * change size), disposed on unmount. The canvas renderer draws text into pixels, so labels are data only.
 */
export function EChart({ option, testId }: { option: Record<string, unknown>; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
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
  // What is drawn, as data attributes: tests (and people inspecting the page) read the canvas's figures here.
  const axis = [option.xAxis, option.yAxis].find((a) => (a as { type?: string } | undefined)?.type === 'category') as { data?: unknown[] } | undefined;
  const series = ((option.series ?? []) as Array<{ type?: string; name?: string; data?: unknown[] }>).map((s) => ({ type: s.type, name: s.name, data: s.data }));
  return <div ref={box} className="echart" data-testid={testId ?? 'report-chart'} data-categories={JSON.stringify(axis?.data ?? [])} data-series={JSON.stringify(series)} />;
}
