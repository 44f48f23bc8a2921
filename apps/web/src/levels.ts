import { h } from './dom';
import { t, tv } from './i18n/i18n';

export const LEVELS = ['informative', 'collaborative', 'cooperative'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * Three steps of the viridis scale: they differ in lightness (light, middle,
 * dark), so they stay apart for every kind of colour blindness and in
 * grayscale; each level also has its own marker shape and pattern, and its
 * name is always written next to it.
 */
export const LEVEL_STYLE: Record<Level, { color: string; band: string; symbol: string; mark: string; ink: string }> = {
  informative: { color: '#f4d03f', band: 'rgba(244,208,63,0.22)', symbol: 'circle', mark: '●', ink: '#1d1d1d' },
  collaborative: { color: '#1a7370', band: 'rgba(26,115,112,0.20)', symbol: 'triangle', mark: '▲', ink: '#ffffff' },
  cooperative: { color: '#3b1c5a', band: 'rgba(59,28,90,0.20)', symbol: 'rect', mark: '■', ink: '#ffffff' },
};

export const levelName = (level: string | null | undefined): string => (level ? tv('level', level) : t('level.none'));

/** A level badge: colour, marker and name, with the API value in a data attribute for tests and scripts. */
export function levelBadge(level: string | null | undefined): HTMLElement {
  const style = level ? LEVEL_STYLE[level as Level] : undefined;
  return h(
    'span',
    { class: `badge level-${level ?? 'none'}`, 'data-level': level ?? '' },
    h('span', { class: 'mark', 'aria-hidden': 'true' }, style?.mark ?? '○'),
    ' ',
    levelName(level),
  );
}

export function levelLegend(): HTMLElement {
  return h(
    'ul',
    { class: 'legend', 'aria-label': t('level.legend') },
    LEVELS.map((level) => h('li', null, levelBadge(level))),
  );
}
