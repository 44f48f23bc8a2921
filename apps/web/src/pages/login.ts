import { call, token } from '../api';
import { h, replace } from '../dom';
import { t } from '../i18n/i18n';
import { labelled } from '../ui';

/** Sign-in: the token is checked with GET /v1/me, then kept in sessionStorage (never in the URL). */
export function renderLogin(main: HTMLElement, signedIn: () => void): void {
  const input = h('input', {
    type: 'password',
    name: 'token',
    autocomplete: 'off',
    required: true,
    spellcheck: 'false',
  });
  const message = h('p', { class: 'field-error', role: 'alert' });
  const form = h(
    'form',
    {
      class: 'card login',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const value = input.value.trim();
        if (!value) {
          message.textContent = t('login.empty');
          return;
        }
        token.set(value);
        try {
          await call('/v1/me', { signingIn: true });
          signedIn();
        } catch {
          token.clear();
          message.textContent = t('login.invalid');
          input.setAttribute('aria-invalid', 'true');
          input.focus();
        }
      },
    },
    h('h1', null, t('login.title')),
    h('p', null, t('login.intro')),
    labelled(t('login.token'), input),
    message,
    h('button', { type: 'submit' }, t('login.submit')),
  );
  replace(main, form);
  input.focus();
}
