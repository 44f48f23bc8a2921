import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

/** The web workspace is served by the API process under /app, with a CSP that allows only this origin. */
describe('workspace static files', () => {
  let t: TestApp;
  beforeAll(async () => {
    execFileSync(process.execPath, [join(__dirname, '../../apps/web/build.mjs')]);
    t = await startTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('redirects / to /app/ and serves the page without a token', async () => {
    await t.http().get('/').expect(302).expect('location', '/app/');
    const page = await t
      .http()
      .get('/app/')
      .expect(200)
      .expect('content-type', /text\/html/);
    expect(page.text).toContain('<main id="main"');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const script = await t
      .http()
      .get('/app/app.js')
      .expect(200)
      .expect('content-type', /javascript/);
    expect(script.text.length).toBeGreaterThan(1000);
  });

  it('answers 404 for a file that is not there and keeps the API behind its tokens', async () => {
    await t.http().get('/app/nothing.js').expect(404);
    await t.http().get('/v1/networks').expect(401);
  });
});
