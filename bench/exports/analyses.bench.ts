import type { BenchSection } from '../lib/bench-section';
import { benchApi, medianSeconds, prepareDecades } from './decade-server';

/**
 * Cross-network analyses (SPEC 5.3, 5.4) against GET /v1/overview on the same
 * data in the same run: both read the overview read model (the analyses its
 * per-quarter aggregates part), none refolds a stream.
 */
export async function runAnalysesBench(opts: { quick?: boolean } = {}): Promise<BenchSection> {
  const decades = opts.quick ? 50 : 500;
  const api = await benchApi((path) => prepareDecades(path, decades));
  const runs = opts.quick ? 5 : 9;
  const paths = {
    overview: '/v1/overview?period=quarter',
    sensitivity: '/v1/overview/sensitivity?period=quarter&cooperativeShare=0.5&minMultiSchoolJointActions=2',
    'sensitivity (year)': '/v1/overview/sensitivity?period=year&collaborativeShare=0.6',
    'cohorts by region': '/v1/overview/cohorts?by=region&period=quarter',
    'cohorts by zone': '/v1/overview/cohorts?by=zone&period=year',
    'signals (one network)': '/v1/networks/red-decada-0001/signals?period=quarter',
    'collaboration (one network)': '/v1/networks/red-decada-0001/collaboration',
  };
  try {
    const times = new Map<string, number[]>(Object.keys(paths).map((k) => [k, []]));
    for (const p of Object.values(paths)) await api.get(p); // warm up
    // Interleaved, so load from other sessions on the machine falls on all of them alike.
    for (let i = 0; i < runs; i++)
      for (const [name, p] of Object.entries(paths)) times.get(name)!.push((await api.get(p)).seconds);
    const base = medianSeconds(times.get('overview')!);
    return {
      title: `Analyses across ${decades} networks × 10 years (SQLite, read models rebuilt; median of ${runs})`,
      rows: Object.entries(paths).map(([name, p]) => ({
        workload: `GET ${p}`,
        'median ms': medianSeconds(times.get(name)!) * 1000,
        'ratio to overview': medianSeconds(times.get(name)!) / base,
        target: name.startsWith('sensitivity') ? '≤ 2×' : '',
      })),
    };
  } finally {
    await api.stop();
  }
}
