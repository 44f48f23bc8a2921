import { h, replace } from '../dom';
import { t } from '../i18n/i18n';
import { choiceField, dateField, day, num, numberField, schoolsField, str, textField } from './form-kit';

export const KINDS = [
  'policy_briefing',
  'technical_training',
  'leadership_training',
  'practice_sharing',
  'lessons_learned',
  'peer_observation',
  'goal_setting',
  'joint_planning',
  'joint_analysis',
  'administrative',
] as const;
const FACILITATORS = ['ministry_supervisor', 'sostenedor', 'school_leader', 'external'] as const;
const ATTENDANCE = ['principals', 'utpHeads', 'teachers', 'sostenedorReps', 'supervisors'] as const;

export interface SessionData {
  sessionId?: string;
  heldOn?: string;
  facilitator?: string;
  schoolsPresent?: string[];
  attendance?: Record<string, number>;
  activities?: Array<{ kind: string; minutes: number; summary?: string | null }>;
}

/** The fields of SessionHeld (also the body of a correction), with an editable list of activities. */
export function sessionFields(schools: Array<{ schoolId: string; name: string }>, prefill: SessionData = {}) {
  const heldOn = dateField('heldOn', prefill.heldOn);
  const facilitator = choiceField('facilitator', 'facilitator', FACILITATORS, prefill.facilitator);
  const present = schoolsField('schoolsPresent', schools, prefill.schoolsPresent);
  const attendance = ATTENDANCE.map((k) =>
    numberField(`attendance.${k}`, t(`field.attendance.${k}`), 0, 10000, prefill.attendance?.[k] ?? 0),
  );
  const rows: Array<{
    kind: HTMLSelectElement;
    minutes: HTMLInputElement;
    summary: HTMLInputElement | HTMLTextAreaElement;
  }> = [];
  const list = h('div', { class: 'activities' });
  const initial = prefill.activities?.length
    ? prefill.activities
    : [{ kind: '', minutes: undefined as unknown as number }];
  const redraw = () =>
    replace(
      list,
      rows.map((row, i) =>
        h(
          'fieldset',
          { class: 'activity' },
          h('legend', null, t('field.activityN', { n: i + 1 })),
          relabel(row.kind.closest('.field') as HTMLElement, `activities[${i}].kind`),
          relabel(row.minutes.closest('.field') as HTMLElement, `activities[${i}].minutes`),
          relabel(row.summary.closest('.field') as HTMLElement, `activities[${i}].summary`),
          rows.length > 1
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  onclick: () => {
                    rows.splice(i, 1);
                    redraw();
                  },
                },
                t('field.removeActivity', { n: i + 1 }),
              )
            : null,
        ),
      ),
    );
  const addRow = (a?: { kind: string; minutes?: number; summary?: string | null }) => {
    const kind = choiceField('kind', 'kind', KINDS, a?.kind ?? '');
    const minutes = numberField('minutes', t('field.minutes'), 1, 600, a?.minutes);
    const summary = textField('summary', false, a?.summary ?? '');
    rows.push({ kind: kind.input, minutes: minutes.input, summary: summary.input });
  };
  initial.forEach(addRow);
  redraw();
  const el = h(
    'div',
    null,
    heldOn.el,
    facilitator.el,
    present.el,
    h(
      'fieldset',
      { class: 'field grid-5', 'data-field-wrap': 'attendance' },
      h('legend', null, t('field.attendance')),
      attendance.map((a) => a.el),
    ),
    h(
      'fieldset',
      { class: 'field', 'data-field': 'activities' },
      h('legend', null, t('field.activities')),
      list,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            addRow();
            redraw();
            (rows[rows.length - 1].kind as HTMLElement).focus();
          },
        },
        t('field.addActivity'),
      ),
      h('p', { class: 'field-error', 'data-error-for': 'activities' }),
    ),
  );
  const collect = (): SessionData => ({
    heldOn: day(heldOn.input),
    facilitator: str(facilitator.input),
    schoolsPresent: present.values(),
    attendance: Object.fromEntries(ATTENDANCE.map((k, i) => [k, num(attendance[i].input)])) as Record<string, number>,
    activities: rows.map((r) => ({
      kind: r.kind.value,
      minutes: num(r.minutes) as number,
      ...(str(r.summary) ? { summary: str(r.summary) } : {}),
    })),
  });
  return { el, collect };
}

/** An activity control's field path follows its row's position. */
function relabel(wrap: HTMLElement, field: string): HTMLElement {
  wrap.dataset.fieldWrap = field;
  wrap.querySelector('[data-field]')?.setAttribute('data-field', field);
  wrap.querySelector('[data-error-for]')?.setAttribute('data-error-for', field);
  return wrap;
}
