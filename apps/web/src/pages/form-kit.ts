import { ApiFailure, call, newKey } from '../api';
import { h, uid } from '../dom';
import { Key, t, tv } from '../i18n/i18n';
import { errorText, fieldMessage } from '../messages';
import { labelled, selectOf } from '../ui';
import { dateInput, dateLabel, invalidDateMessage, parseDay } from '../dates';

/** Controls for the Registrar forms: each carries `data-field` = the API's field path, where its error is shown. */

/** A day typed as dd-mm-aaaa (see dates.ts); `value` is ISO. */
export function dateField(name: string, value = ''): { el: HTMLElement; input: HTMLInputElement } {
  const input = dateInput(name, 'day', value);
  return { el: labelled(dateLabel(t(`field.${name}` as Key), 'day'), input, name), input };
}

/** A field the form refuses before sending (its message already in the reader's language). */
export class InvalidField extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The day in a date field as ISO, undefined when empty; a text that is no day stops the submission. */
export function day(input: HTMLInputElement): string | undefined {
  const parsed = parseDay(input.value);
  if (parsed === null) throw new InvalidField(input.name, invalidDateMessage('day'));
  return parsed;
}

export function textField(
  name: string,
  multiline = false,
  value = '',
): { el: HTMLElement; input: HTMLInputElement | HTMLTextAreaElement } {
  const input = multiline ? h('textarea', { name, rows: 3 }) : h('input', { type: 'text', name });
  input.value = value;
  return { el: labelled(t(`field.${name}` as Key), input, name), input };
}

export function numberField(
  name: string,
  label: string,
  min: number,
  max: number,
  value?: number,
): { el: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { type: 'number', name, min, max, step: 1, inputmode: 'numeric', value: value ?? '' });
  return { el: labelled(label, input, name), input };
}

export function choiceField(
  name: string,
  prefix: string,
  values: readonly string[],
  value = '',
  label?: string,
): { el: HTMLElement; input: HTMLSelectElement } {
  const input = selectOf(
    [['', t('field.none')], ...values.map((v): [string, string] => [v, tv(prefix, v)])],
    { name },
    value,
  );
  return { el: labelled(label ?? t(`field.${name}` as Key), input, name), input };
}

/** Checkboxes in a fieldset (the group is the field, e.g. `schoolsPresent`). */
export function schoolsField(
  name: string,
  schools: Array<{ schoolId: string; name: string }>,
  checked: string[] = [],
): { el: HTMLElement; values: () => string[] } {
  const errorId = uid('err');
  const boxes = schools.map((s) =>
    h('input', { type: 'checkbox', value: s.schoolId, checked: checked.includes(s.schoolId), id: uid('cb') }),
  );
  const el = h(
    'fieldset',
    { class: 'field checks', 'data-field': name, 'data-field-wrap': name, 'aria-describedby': errorId },
    h('legend', null, t(`field.${name}` as Key)),
    boxes.map((box, i) =>
      h('label', { for: box.id, class: 'check' }, box, ` ${schools[i].name} (${schools[i].schoolId})`),
    ),
    h('p', { class: 'field-error', id: errorId, 'data-error-for': name }),
  );
  return { el, values: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

export const num = (input: HTMLInputElement): number | undefined =>
  input.value === '' ? undefined : Number(input.value);
export const str = (input: { value: string }): string | undefined =>
  input.value.trim() === '' ? undefined : input.value.trim();

export interface Submission {
  method: 'POST' | 'PUT';
  path: string;
  body: Record<string, unknown>;
}

/**
 * A form that posts to the API with an Idempotency-Key: the key stays the
 * same while the content does (a double click or a retry records once) and is
 * renewed after a success or when the content changes. Validation details go
 * next to the field they name; domain refusals next to the field they concern.
 */
export function apiForm(options: {
  name: string;
  children: HTMLElement[];
  submission: () => Submission;
  /** Field that a domain error code concerns (e.g. DATE.OUT_OF_RANGE → the date). */
  fieldFor?: Record<string, string>;
  done: (answer: { version: number }) => void;
}): HTMLFormElement {
  const status = h('p', { class: 'form-status', role: 'status', 'data-testid': 'form-status' });
  const button = h('button', { type: 'submit' }, t('record.submit'));
  let key = newKey();
  let sent = '';
  let busy = false;
  const form = h(
    'form',
    {
      class: 'card record-form',
      'data-form': options.name,
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (busy) return;
        let submission: Submission;
        clearErrors(form);
        try {
          submission = options.submission();
        } catch (err) {
          if (!(err instanceof InvalidField)) throw err;
          // Refused here, before anything is sent: the field says why, in the reader's language.
          status.className = 'form-status error';
          status.textContent = t('record.failed', { message: t('error.VALIDATION.FAILED') });
          showFieldErrors(form, [{ field: err.field, message: err.message }]);
          return;
        }
        const content = JSON.stringify(submission);
        if (content !== sent) {
          key = newKey();
          sent = content;
        }
        busy = true;
        button.setAttribute('aria-disabled', 'true');
        status.className = 'form-status';
        status.textContent = t('record.sending');
        try {
          const answer = await call<{ version: number }>(submission.path, {
            method: submission.method,
            body: submission.body,
            idempotencyKey: key,
          });
          status.textContent = t('record.done', { version: answer.version });
          status.classList.add('ok');
          status.dataset.version = String(answer.version);
          key = newKey();
          sent = '';
          options.done(answer);
        } catch (err) {
          status.classList.add('error');
          status.textContent = t('record.failed', { message: errorText(err) });
          if (err instanceof ApiFailure) showErrors(form, err, options.fieldFor ?? {});
        } finally {
          busy = false;
          button.removeAttribute('aria-disabled');
        }
      },
    },
    ...options.children,
    h('div', { class: 'actions' }, button),
    status,
  );
  return form;
}

function clearErrors(form: HTMLElement): void {
  form.querySelectorAll('[data-error-for]').forEach((p) => (p.textContent = ''));
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
}

function showErrors(form: HTMLElement, err: ApiFailure, fieldFor: Record<string, string>): void {
  showFieldErrors(
    form,
    err.fieldErrors.length
      ? err.fieldErrors.map((d) => ({ field: d.field, message: fieldMessage(d.message) }))
      : fieldFor[err.code]
        ? [{ field: fieldFor[err.code], message: errorText(err) }]
        : [],
  );
}

function showFieldErrors(form: HTMLElement, details: Array<{ field: string; message: string }>): void {
  let first: HTMLElement | undefined;
  for (const { field, message } of details) {
    // The field itself, else its group (`attendance.x` → `attendance`, `activities[0]` → `activities`).
    const candidates = [field, field.replace(/\.[^.]*$/, ''), field.replace(/[[.].*$/, '')];
    const name = candidates.find((c) => form.querySelector(`[data-error-for="${CSS.escape(c)}"]`));
    if (!name) continue;
    const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`) as HTMLElement;
    slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    const control = form.querySelector(`[data-field="${CSS.escape(name)}"]`) as HTMLElement | null;
    control?.setAttribute('aria-invalid', 'true');
    first ??= control ?? undefined;
  }
  if (first) (first.matches('fieldset') ? (first.querySelector('input') as HTMLElement | null) : first)?.focus();
}
