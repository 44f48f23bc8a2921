import { network } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** GET /v1/me (docs/EXTENSIONS.md): the workspace learns the role from it after sign-in. */
describe('GET /v1/me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await t.admin().post('/v1/networks').send(network('red-yo')).expect(201);
  });
  afterAll(() => t.close());

  it('names the role, network and token id of each kind of token', async () => {
    await t.admin().get('/v1/me').expect(200, { role: 'admin', networkId: null, tokenId: 'env-admin' });
    for (const body of [{ role: 'analyst' }, { role: 'network', networkId: 'red-yo' }]) {
      const issued = (await t.admin().post('/v1/tokens').send(body).expect(201)).body;
      await t
        .as(issued.token)
        .get('/v1/me')
        .expect(200, { role: body.role, networkId: body.networkId ?? null, tokenId: issued.id });
    }
  });

  it('is 401 without a token or with a revoked one', async () => {
    await t.http().get('/v1/me').expect(401);
    const issued = (await t.admin().post('/v1/tokens').send({ role: 'analyst' }).expect(201)).body;
    await t.admin().delete(`/v1/tokens/${issued.id}`).expect(204);
    await t.as(issued.token).get('/v1/me').expect(401);
  });
});
