import type { Page } from 'playwright-core';
import { en } from '../../apps/web/src/i18n/en';
import { es } from '../../apps/web/src/i18n/es';
import { api, seedNetwork } from './support/seed';
import { goTo, settled, signIn, startWorkspace, Workspace } from './support/workspace';

const PAGES: Array<[hash: string, name: string]> = [
  ['resumen', 'overview'],
  ['red/red-talca', 'network'],
  ['historia/red-talca', 'history'],
  ['registrar/red-talca', 'record'],
  ['exportar', 'export'],
  ['operacion', 'operations'],
];

/**
 * Every English message that differs from its Spanish one, as a pattern over
 * a whole text (its {placeholders} match anything); messages that are only a
 * placeholder say nothing in either language and are left out.
 */
const english = Object.entries(en)
  .filter(([key, text]) => es[key as keyof typeof es] !== text && /[A-Za-z]{3}/.test(text.replace(/\{\w+\}/g, '')))
  .map(([key, text]) => ({
    key,
    pattern: new RegExp(`^${text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '.*')}$`),
  }));
// English function words that no Spanish sentence here contains (catches text the API wrote in English).
const ENGLISH_WORDS = /\b(the|and|with|were|this|period|minutes|schools|needs|because)\b/i;

/** Visible text nodes and accessible names on the page (HTML and the charts' SVG). */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !parent || parent.closest('script, style')) continue;
      if (parent.getClientRects().length === 0 || getComputedStyle(parent).visibility === 'hidden') continue;
      out.push(text);
    }
    document.querySelectorAll('[aria-label]').forEach((el) => out.push(el.getAttribute('aria-label')!.trim()));
    return out;
  });
}

describe('workspace language and accessibility', () => {
  let w: Workspace;
  let page: Page;
  beforeAll(async () => {
    w = await startWorkspace();
    await seedNetwork(w.admin, { networkId: 'red-talca', name: 'Red Talca Sur', region: 'Maule', quarters: 9 });
    await settled(w.admin);
    // Operación then lists a live and a revoked token (its table and buttons are checked too).
    await w.issue('network', 'red-talca');
    const revoked = await api(w.admin, 'POST', '/v1/tokens', { role: 'analyst', label: 'Universidad de Talca' });
    await api(w.admin, 'DELETE', `/v1/tokens/${revoked.id}`);
    // bypassCSP only so that axe-core can be injected; the app itself runs under its CSP elsewhere.
    page = await (await w.context({ bypassCSP: true })).newPage();
    await signIn(page, w.base, w.admin.token);
  });
  afterAll(() => w.close());

  it.each(PAGES)('%s shows no untranslated text in Spanish', async (hash, name) => {
    await goTo(page, w.base, hash, name);
    const texts = await visibleTexts(page);
    expect(texts.length).toBeGreaterThan(10);
    const leaks = texts.flatMap((text) => [
      ...english.filter((e) => e.pattern.test(text)).map((e) => `${text} (${e.key})`),
      ...(ENGLISH_WORDS.test(text) ? [text] : []),
      ...(/^[a-z]+\.[a-zA-Z.]+$/.test(text) && text in es ? [`${text} (a raw key)`] : []),
    ]);
    expect(leaks).toEqual([]);
  });

  it('switches to English and back', async () => {
    await goTo(page, w.base, 'resumen', 'overview');
    await page.locator('[data-action=switch-language]').click();
    await page.getByRole('heading', { name: 'Networks overview' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.locator('[data-action=switch-language]').click();
    await page.getByRole('heading', { name: 'Resumen de las redes' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('es-CL');
  });

  it.each(PAGES)('%s has no serious or critical axe-core violation', async (hash, name) => {
    await goTo(page, w.base, hash, name);
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> = await page.evaluate(
      async () =>
        (
          await (window as unknown as { axe: { run: (c: Document) => Promise<{ violations: never[] }> } }).axe.run(
            document,
          )
        ).violations,
    );
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
    expect(serious).toEqual([]);
  });
});
