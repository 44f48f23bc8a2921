import { ApiFailure } from './api';
import { es } from './i18n/es';
import { Key, t } from './i18n/i18n';

/** An API failure in the reader's language: the error code's message from the catalogue, never the API's English. */
export function errorText(err: unknown): string {
  if (err instanceof ApiFailure) {
    const key = `error.${err.code}` as Key;
    return key in es ? t(key) : t('error.other', { status: err.status, code: err.code });
  }
  return t('error.network');
}

/**
 * A validation detail (`{ field, message }`, class-validator's English) said
 * in the catalogue's words; the field it names is where the form shows it.
 */
export function fieldMessage(message: string): string {
  let m: RegExpMatchArray | null;
  if (/is required|should not be empty|must not be empty/.test(message)) return t('validation.required');
  if (/must be one of/.test(message)) return t('validation.oneOf');
  if ((m = message.match(/must not be less than (\d+)/))) return t('validation.min', { n: m[1] });
  if ((m = message.match(/must not be greater than (\d+)/))) return t('validation.max', { n: m[1] });
  if (/at least one|must contain at least/.test(message)) return t('validation.atLeastOne');
  if (/date|YYYY-MM-DD/.test(message)) return t('validation.date');
  if (/integer/.test(message)) return t('validation.integer');
  if (/longer|shorter|characters|length/.test(message)) return t('validation.length');
  return t('validation.other');
}
