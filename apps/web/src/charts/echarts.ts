/**
 * Loaded on demand by chart.ts (its own chunk, fetched while the page's data
 * loads). ECharts from `echarts/core` with only the charts and components the
 * workspace draws, so the bundle carries nothing else. SVG renderer: crisp at
 * any zoom and light for charts of a few hundred points.
 */
import { BarChart, GraphChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  BarChart,
  HeatmapChart,
  GraphChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  VisualMapComponent,
  AriaComponent,
  SVGRenderer,
]);

// ECharts measures text with this family, so it must be a real one (not `inherit`).
const FONT = "system-ui, 'Noto Sans', 'DejaVu Sans', sans-serif";
/** Draws `option` into `el` (the container must be in the document: ECharts needs its size). */
export function draw(el: HTMLElement, option: echarts.EChartsCoreOption): echarts.ECharts {
  const instance = echarts.init(el, undefined, { renderer: 'svg' });
  instance.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
  return instance;
}
