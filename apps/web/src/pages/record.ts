import { call } from '../api';
import { h, replace } from '../dom';
import { fmtDate, Key, t } from '../i18n/i18n';
import { currentUser } from '../session';
import { heading, labelled, networkPicker, pickNetwork, selectOf } from '../ui';
import { apiForm, choiceField, dateField, day, num, numberField, schoolsField, str, textField } from './form-kit';
import { allEvents, DEPTH_LEVELS, NetworkState, StoredEvent } from './network-data';
import { SessionData, sessionFields } from './session-fields';

const FORMS = ['session', 'openCycle', 'jointAction', 'analysis', 'closeCycle', 'correct', 'withdraw'] as const;
type FormName = (typeof FORMS)[number];
let chosen: FormName = 'session';

/** Registrar: the forms that write a network's facts (SPEC section 3 writes), for its token or an admin. */
export async function renderRecord(main: HTMLElement, arg?: string): Promise<void> {
  const networkId = pickNetwork(arg, currentUser()?.networkId);
  if (!networkId) return networkPicker(main, 'record', t('nav.record'));
  const base = `/v1/networks/${encodeURIComponent(networkId)}`;
  const [state, events] = await Promise.all([call<NetworkState>(base), allEvents(networkId)]);
  const host = h('div', { class: 'form-host' });
  const tabs = h(
    'div',
    { class: 'tabs', role: 'group', 'aria-label': t('record.choose') },
    FORMS.map((name) =>
      h(
        'button',
        {
          type: 'button',
          'data-choose-form': name,
          'aria-pressed': String(name === chosen),
          onclick: () => {
            chosen = name;
            tabs
              .querySelectorAll('button')
              .forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.chooseForm === name)));
            draw();
            // Keyboard users land in the form they chose.
            (host.querySelector('input, select, textarea') as HTMLElement | null)?.focus();
          },
        },
        t(`record.${name}` as Key),
      ),
    ),
  );
  const status = h('p', { role: 'status', class: 'form-status', 'data-testid': 'record-status' });
  // After a success the form starts empty (a second click on the same content would be a second
  // session), over the network as it now is: the view waits for the version just written.
  const recorded = async (version: number) => {
    const [s, e] = await Promise.all([call<NetworkState>(`${base}?minVersion=${version}`), allEvents(networkId)]);
    Object.assign(state, s);
    events.splice(0, events.length, ...e);
    draw();
    status.className = 'form-status ok';
    status.dataset.version = String(version);
    status.textContent = t('record.done', { version });
    (host.querySelector('input, select, textarea') as HTMLElement | null)?.focus();
  };
  const draw = () => replace(host, buildForm(chosen, base, state, events, recorded));
  host.addEventListener('submit', () => {
    status.className = 'form-status';
    status.textContent = '';
    delete status.dataset.version;
  });
  replace(main, heading(t('record.title', { name: state.name })), tabs, status, host);
  draw();
}

const openCycles = (state: NetworkState) => state.cycles.filter((c) => c.phase !== 'closed');

function buildForm(
  name: FormName,
  base: string,
  state: NetworkState,
  events: StoredEvent[],
  recorded: (version: number) => Promise<void>,
): HTMLElement {
  const schools = state.schools;
  const done = (answer: { version: number }) => void recorded(answer.version);
  switch (name) {
    case 'session': {
      const fields = sessionFields(schools);
      return apiForm({
        name,
        children: [fields.el],
        submission: () => ({ method: 'POST', path: `${base}/sessions`, body: { ...fields.collect() } }),
        fieldFor: { 'DATE.OUT_OF_RANGE': 'heldOn', 'SCHOOL.NOT_MEMBER': 'schoolsPresent' },
        done,
      });
    }
    case 'openCycle': {
      const question = textField('question', true);
      const prediction = textField('prediction', true);
      const focus = textField('focus');
      const orientation = choiceField('orientation', 'orientation', ['innovation', 'improvement']);
      const cycleSchools = schoolsField('schools', schools);
      const openedOn = dateField('openedOn');
      return apiForm({
        name,
        children: [question.el, prediction.el, focus.el, orientation.el, cycleSchools.el, openedOn.el],
        submission: () => ({
          method: 'POST',
          path: `${base}/cycles`,
          body: {
            question: question.input.value.trim(),
            prediction: str(prediction.input),
            focus: str(focus.input),
            orientation: str(orientation.input),
            schools: cycleSchools.values(),
            openedOn: day(openedOn.input),
          },
        }),
        fieldFor: { 'DATE.OUT_OF_RANGE': 'openedOn', 'SCHOOL.NOT_MEMBER': 'schools' },
        done,
      });
    }
    case 'jointAction': {
      const cycle = cyclePicker(state);
      const title = textField('title');
      const actionSchools = schoolsField('schools', schools);
      const depth = choiceField('depthReached', 'depthLevel', DEPTH_LEVELS);
      const classrooms = numberField('classroomsReached', t('field.classroomsReached'), 0, 10000, 0);
      const teachers = numberField('teachersInvolved', t('field.teachersInvolved'), 0, 10000, 0);
      const on = dateField('carriedOutOn');
      return apiForm({
        name,
        children: [cycle.el, title.el, actionSchools.el, depth.el, classrooms.el, teachers.el, on.el],
        submission: () => ({
          method: 'POST',
          path: `${base}/cycles/${encodeURIComponent(cycle.input.value)}/actions`,
          body: {
            title: title.input.value.trim(),
            schools: actionSchools.values(),
            depthReached: str(depth.input),
            classroomsReached: num(classrooms.input),
            teachersInvolved: num(teachers.input),
            carriedOutOn: day(on.input),
          },
        }),
        fieldFor: {
          'DATE.OUT_OF_RANGE': 'carriedOutOn',
          'CYCLE.DATE_ORDER': 'carriedOutOn',
          'SCHOOL.NOT_MEMBER': 'schools',
          'CYCLE.NOT_OPEN': 'cycleId',
          'CYCLE.NOT_FOUND': 'cycleId',
        },
        done,
      });
    }
    case 'analysis': {
      const cycle = cyclePicker(state);
      const findings = textField('findings', true);
      const evidence = choiceField('evidenceLevel', 'evidence', ['classroom', 'school', 'network']);
      const met = choiceField('predictionMet', 'predictionMet', ['yes', 'partly', 'no', 'not_applicable']);
      const lessons = textField('lessonsLearned', true);
      const on = dateField('analysedOn');
      return apiForm({
        name,
        children: [cycle.el, findings.el, evidence.el, met.el, lessons.el, on.el],
        submission: () => ({
          method: 'POST',
          path: `${base}/cycles/${encodeURIComponent(cycle.input.value)}/analysis`,
          body: {
            findings: findings.input.value.trim(),
            evidenceLevel: str(evidence.input),
            predictionMet: str(met.input),
            lessonsLearned: lessons.input.value
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean),
            analysedOn: day(on.input),
          },
        }),
        fieldFor: {
          'DATE.OUT_OF_RANGE': 'analysedOn',
          'CYCLE.DATE_ORDER': 'analysedOn',
          'CYCLE.NO_JOINT_ACTION': 'cycleId',
          'CYCLE.NOT_OPEN': 'cycleId',
        },
        done,
      });
    }
    case 'closeCycle': {
      const cycle = cyclePicker(state);
      const decision = choiceField('decision', 'decision', ['adopt', 'adapt', 'spread', 'abandon']);
      const on = dateField('closedOn');
      return apiForm({
        name,
        children: [cycle.el, decision.el, on.el],
        submission: () => ({
          method: 'POST',
          path: `${base}/cycles/${encodeURIComponent(cycle.input.value)}/close`,
          body: { decision: str(decision.input), closedOn: day(on.input) },
        }),
        fieldFor: {
          'DATE.OUT_OF_RANGE': 'closedOn',
          'CYCLE.DATE_ORDER': 'closedOn',
          'CYCLE.NOT_ANALYSED': 'decision',
          'CYCLE.NOT_OPEN': 'cycleId',
        },
        done,
      });
    }
    case 'correct':
    case 'withdraw': {
      const sessions = liveSessions(events);
      if (!sessions.length) return h('p', { class: 'muted' }, t('record.noSessions'));
      const picker = selectOf(
        sessions.map((s): [string, string] => [
          s.sessionId!,
          t('session.option', { date: fmtDate(s.heldOn), id: s.sessionId! }),
        ]),
        { name: 'sessionId' },
      );
      const pickerField = labelled(t('field.sessionId'), picker, 'sessionId');
      const reason = textField('reason', true);
      if (name === 'withdraw') {
        return apiForm({
          name,
          children: [pickerField, reason.el],
          submission: () => ({
            method: 'POST',
            path: `${base}/sessions/${encodeURIComponent(picker.value)}/withdraw`,
            body: { reason: reason.input.value.trim() },
          }),
          fieldFor: { 'SESSION.NOT_FOUND': 'sessionId' },
          done,
        });
      }
      const fieldsHost = h('div');
      let fields = sessionFields(state.schools, sessions[0]);
      const redraw = () => {
        fields = sessionFields(
          state.schools,
          sessions.find((s) => s.sessionId === picker.value),
        );
        replace(fieldsHost, fields.el);
      };
      picker.addEventListener('change', redraw);
      replace(fieldsHost, fields.el);
      return apiForm({
        name,
        children: [pickerField, fieldsHost, reason.el],
        submission: () => ({
          method: 'PUT',
          path: `${base}/sessions/${encodeURIComponent(picker.value)}`,
          body: { ...fields.collect(), reason: reason.input.value.trim() },
        }),
        fieldFor: {
          'DATE.OUT_OF_RANGE': 'heldOn',
          'SCHOOL.NOT_MEMBER': 'schoolsPresent',
          'SESSION.NOT_FOUND': 'sessionId',
        },
        done,
      });
    }
  }
}

function cyclePicker(state: NetworkState): { el: HTMLElement; input: HTMLSelectElement } {
  const cycles = openCycles(state);
  const input = selectOf(
    cycles.length
      ? cycles.map((c): [string, string] => [c.cycleId, `${fmtDate(c.openedOn)} · ${c.question ?? c.cycleId}`])
      : [['', t('record.noOpenCycle')]],
    { name: 'cycleId' },
  );
  return { el: labelled(t('field.cycleId'), input, 'cycleId'), input };
}

/** The sessions that still count (withdrawn removed, corrected ones by their corrected fields), newest first. */
function liveSessions(events: StoredEvent[]): SessionData[] {
  const sessions = new Map<string, SessionData>();
  for (const e of events) {
    const data = e.data as SessionData;
    if (e.type === 'SessionHeld' || e.type === 'SessionCorrected') sessions.set(data.sessionId!, { ...data });
    else if (e.type === 'SessionWithdrawn') sessions.delete(data.sessionId!);
  }
  return [...sessions.values()].reverse();
}
