/**
 * ECharts from `echarts/core` with only the charts and components the
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
const live = new Set<echarts.ECharts>();

/** A chart in `el`, disposed when the page changes (see disposeCharts). */
export function chart(el: HTMLElement, option: echarts.EChartsCoreOption): echarts.ECharts {
  const instance = echarts.init(el, undefined, { renderer: 'svg' });
  instance.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
  live.add(instance);
  return instance;
}

export function disposeCharts(): void {
  for (const instance of live) instance.dispose();
  live.clear();
}

addEventListener('resize', () => live.forEach((instance) => instance.resize()));
