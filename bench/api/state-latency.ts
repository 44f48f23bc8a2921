import autocannon from 'autocannon';
import type { BenchSection } from '../lib/bench-section';
import { percentile } from '../lib/measure';
import { sessionBody, WriteTarget } from './write-load';

const EVENTS = 10_000;

async function timeGet(url: string, token: string): Promise<number> {
  const start = process.hrtime.bigint();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Grows one network to 10,000 events over HTTP, then times GET state?version= at its head and near its start. */
export async function stateLatency(base: string, admin: string, target: WriteTarget): Promise<BenchSection> {
  const networkId = target.networks[0];
  let n = 0;
  await autocannon({
    url: base,
    connections: 4,
    amount: EVENTS,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          path: `/v1/networks/${networkId}/sessions`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: sessionBody(target.schools, n++),
        }),
      },
    ],
  });
  const rows = [];
  for (const version of [EVENTS, 100]) {
    const url = `${base}/v1/networks/${networkId}/state?version=${version}`;
    const first = await timeGet(url, admin);
    if (version === EVENTS) {
      rows.push({
        request: `first GET state?version=${version.toLocaleString('en-US')} (no snapshot yet)`,
        'p50 ms': first,
        'p99 ms': '',
        target: '',
      });
    }
    for (let i = 0; i < 2; i++) await timeGet(url, admin);
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) samples.push(await timeGet(url, admin));
    samples.sort((a, b) => a - b);
    rows.push({
      request: `GET state?version=${version.toLocaleString('en-US')}`,
      'p50 ms': percentile(samples, 50),
      'p99 ms': percentile(samples, 99),
      target: version === EVENTS ? '< 100 ms' : '',
    });
  }
  return {
    title: 'Time travel on a 10,000-event network (sqlite, 30 sequential requests)',
    rows,
    notes: [
      'Each request folds the stream up to the version with the pure history fold, from the nearest snapshot (kept in memory at every 1,000 versions once a request has folded past them), then computes trajectory and indicators. The first request reads and folds all 10,000 events.',
    ],
  };
}
