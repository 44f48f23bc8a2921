import { call } from '../api';
import { h, replace } from '../dom';
import { fmtDate, t, tv } from '../i18n/i18n';
import type { NetworkState } from './network-data';

interface CycleDetail {
  cycleId: string;
  question: string | null;
  phase: string;
  actions: Array<{ title: string | null; carriedOutOn: string; depthReached: string; schools: string[] }>;
  analyses?: Array<{
    findings: string | null;
    evidenceLevel: string;
    analysedOn: string;
    lessonsLearned?: Array<string | null> | null;
  }>;
  analysis?: { findings: string | null; evidenceLevel: string; analysedOn: string } | null;
  decision?: string | null;
  closedOn?: string | null;
}

const text = (value: string | null | undefined): string => (value === null ? t('cycle.redacted') : (value ?? '—'));

/** The cycles with their phase and question; actions, analysis and decision load when a cycle is opened. */
export function cyclesView(base: string, state: NetworkState): HTMLElement {
  if (!state.cycles.length) return h('p', { class: 'muted' }, t('network.noCycles'));
  return h(
    'ul',
    { class: 'cycles' },
    state.cycles.map((c) => {
      const body = h('div', { class: 'cycle-body' });
      const details = h(
        'details',
        {
          'data-cycle-id': c.cycleId,
          'data-phase': c.phase,
          ontoggle: async () => {
            if (!details.open || body.childElementCount) return;
            replace(body, h('p', null, t('app.loading')));
            const detail = await call<CycleDetail>(`${base}/cycles/${encodeURIComponent(c.cycleId)}`);
            replace(body, cycleBody(detail));
          },
        },
        h(
          'summary',
          null,
          h('span', { class: `phase phase-${c.phase}` }, tv('phase', c.phase)),
          ' ',
          text(c.question),
          ' · ',
          t('cycle.openedOn', { date: fmtDate(c.openedOn) }),
        ),
        body,
      );
      return h('li', null, details);
    }),
  );
}

function cycleBody(c: CycleDetail): HTMLElement {
  const analyses = c.analyses ?? (c.analysis ? [c.analysis] : []);
  return h(
    'div',
    null,
    h('h4', null, t('cycle.actions')),
    c.actions.length
      ? h(
          'ul',
          null,
          c.actions.map((a) =>
            h(
              'li',
              null,
              `${fmtDate(a.carriedOutOn)} · ${text(a.title)} · ${tv('depthLevel', a.depthReached)} · ${a.schools.join(', ')}`,
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('cycle.noActions')),
    h('h4', null, t('cycle.analysis')),
    analyses.length
      ? h(
          'ul',
          null,
          analyses.map((a) =>
            h('li', null, `${fmtDate(a.analysedOn)} · ${tv('evidence', a.evidenceLevel)} · ${text(a.findings)}`),
          ),
        )
      : h('p', { class: 'muted' }, t('cycle.noAnalysis')),
    c.decision ? h('p', null, `${t('cycle.decision')}: ${tv('decision', c.decision)} (${fmtDate(c.closedOn)})`) : null,
  );
}
