import { cycle, jointAction, network, school, session } from './fixtures';
import type { TestApp } from './test-app';

/** Quarterly sessions from 2016-Q2: the cooperative share rises from the seventh, so signals have something to find. */
export const RESEARCH_QUARTERS = [
  '2016-05-10',
  '2016-08-10',
  '2016-11-10',
  '2017-02-10',
  '2017-05-10',
  '2017-08-10',
  '2017-11-10',
  '2018-02-10',
  '2018-05-10',
  '2018-08-10',
];

/** Spanish free text with commas, quotes and line breaks, as researchers' exports must carry it. */
export const TRICKY_NAME = 'Red "Costa, Secano"\r\ny Cordillera — Ñuble';

/**
 * A network as a researcher meets one: three schools (one rural school leaves
 * and rejoins), ten quarters of sessions, a cycle with joint actions, and one
 * session corrected after the fact (moved from 2016-Q3 to 2016-Q4).
 * Returns the stream version and the time just before the correction was recorded.
 */
export async function seedResearchNetwork(
  t: TestApp,
  id: string,
  over: { region?: string; name?: string } = {},
): Promise<{ version: number; beforeCorrection: string }> {
  const base = `/v1/networks/${id}`;
  await t
    .admin()
    .post('/v1/networks')
    .send(network(id, { region: over.region ?? 'Ñuble', ...(over.name ? { name: over.name } : {}) }))
    .expect(201);
  await t
    .admin()
    .post(`${base}/schools`)
    .send(school('10123', { zone: 'urban' }))
    .expect(201);
  await t.admin().post(`${base}/schools`).send(school('10456')).expect(201);
  await t.admin().post(`${base}/schools`).send(school('10789')).expect(201);
  await t.admin().post(`${base}/schools/10789/leave`).send({ leftOn: '2016-09-01' }).expect(201);
  await t
    .admin()
    .post(`${base}/schools`)
    .send(school('10789', { joinedOn: '2017-01-15' }))
    .expect(201);
  for (const [i, heldOn] of RESEARCH_QUARTERS.entries()) {
    const cooperative = i < 6 ? 10 : 20 * (i - 3);
    await t
      .admin()
      .post(`${base}/sessions`)
      .send(
        session({
          sessionId: `s${i}`,
          heldOn,
          activities: [
            { kind: 'policy_briefing', minutes: 200 - cooperative, summary: 'Ley 21.040, "SLEP", y\ncalendario' },
            { kind: 'joint_planning', minutes: cooperative },
          ],
        }),
      )
      .expect(201);
  }
  await t
    .admin()
    .post(`${base}/cycles`)
    .send(cycle({ cycleId: 'c1', schools: ['10123', '10456'] }))
    .expect(201);
  await t
    .admin()
    .post(`${base}/cycles/c1/actions`)
    .send(jointAction({ actionId: 'a1' }))
    .expect(201);
  await t
    .admin()
    .post(`${base}/cycles/c1/actions`)
    .send(jointAction({ actionId: 'a2', carriedOutOn: '2017-06-01', schools: ['10123', '10456', '10789'] }))
    .expect(201);
  await new Promise((r) => setTimeout(r, 5));
  const beforeCorrection = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  const corrected = await t
    .admin()
    .put(`${base}/sessions/s1`)
    .send({ ...session({ heldOn: '2016-10-20' }), reason: 'La fecha era octubre, no agosto' })
    .expect(200);
  return { version: corrected.body.version as number, beforeCorrection };
}
