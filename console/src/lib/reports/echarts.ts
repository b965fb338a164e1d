// The parts of Apache ECharts the reports draw with, registered once (tree-shaken: no map, no 3D), on canvas so a
// chart can be saved as a PNG (getDataURL).
import { BarChart, FunnelChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, FunnelChart, GaugeChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
export type { ECharts } from 'echarts/core';
