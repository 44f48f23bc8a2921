import { foldHistory, trajectory, indicators, networkView, networkDecider, NetworkEvent } from '@indaga/domain';
import { sessionBody } from './bench/api/write-load';
const schools = Array.from({ length: 16 }, (_, i) => String(10100 + i));
const events: NetworkEvent[] = [{ type: 'NetworkRegistered', data: { networkId: 'x', name: 'x', region: 'y', registeredOn: '2015-12-01' } } as NetworkEvent];
for (const s of schools) events.push({ type: 'SchoolJoined', data: { schoolId: s, name: 'e', dependency: 'slep', zone: 'rural', levels: ['basic'], joinedOn: '2015-12-01' } } as NetworkEvent);
for (let i = 0; i < 10000; i++) events.push({ type: 'SessionHeld', data: { sessionId: 's' + i, ...JSON.parse(sessionBody(schools, i)) } } as NetworkEvent);
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const h = foldHistory(events);
  const t1 = performance.now();
  trajectory(h, 'quarter');
  const t2 = performance.now();
  indicators(h, 'quarter');
  const t3 = performance.now();
  networkView(h, 10000);
  const t4 = performance.now();
  let st = networkDecider.initialState(); for (const e of events) st = networkDecider.evolve(st, e);
  const t5 = performance.now();
  console.log({ fold: t1 - t, trajectory: t2 - t1, indicators: t3 - t2, view: t4 - t3, deciderFold: t5 - t4 });
}
