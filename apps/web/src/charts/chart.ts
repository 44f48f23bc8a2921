import type { ECharts, EChartsCoreOption } from 'echarts/core';

/**
 * Charts without ECharts in the main bundle: its chunk (most of the code) is
 * requested at boot and parsed while the first API answers are on their way.
 */
let module: Promise<typeof import('./echarts')> | undefined;
export const loadCharts = () => (module ??= import('./echarts'));

const live = new Set<ECharts>();
const pending = new Set<Promise<unknown>>();

/** Draws a chart in `el` once ECharts is loaded; disposed when the page changes (see disposeCharts). */
export function chart(el: HTMLElement, option: EChartsCoreOption): Promise<ECharts | undefined> {
  const drawn = loadCharts().then(({ draw }) => {
    if (!el.isConnected) return undefined; // the page changed meanwhile
    const instance = draw(el, option);
    live.add(instance);
    return instance;
  });
  pending.add(drawn);
  void drawn.finally(() => pending.delete(drawn));
  return drawn;
}

/** Resolves when every chart asked for so far is drawn (a page is usable once its charts are). */
export async function chartsDrawn(): Promise<void> {
  while (pending.size) await Promise.allSettled([...pending]);
}

export function disposeCharts(): void {
  for (const instance of live) instance.dispose();
  live.clear();
}

addEventListener('resize', () => live.forEach((instance) => instance.resize()));
