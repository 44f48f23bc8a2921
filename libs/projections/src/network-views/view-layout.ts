import { Period, PERIODS } from '@indaga/domain';
import { runRange, type TextParts } from '../read-models/text-parts';

// How network-views files its view in parts (PartsBuilder numbering): part 0
// opens it with the network, then come one run per period kind of the
// trajectory and one per period kind of the indicators; the glue between two
// runs closes the one and opens the next:
//   {"network":N,"trajectory":{"quarter":{…,"periods":[ | periods | ]},"half":{…,"periods":[ | … | ]}},
//   "indicators":{"quarter":{"periods":[ | … | ]},… | ]}}}
// A row stored before views were filed in parts is one part 0 holding the whole view.

/** The part that opens the view with the network's current state. */
export const NETWORK_PART = 0;
export const trajectoryRun = (period: Period): number => PERIODS.indexOf(period);
export const indicatorsRun = (period: Period): number => PERIODS.length + PERIODS.indexOf(period);

/**
 * The JSON text of `period`'s value in run `run` (a trajectory or an
 * indicators list), from the parts of runRange(run) alone; undefined when the
 * row is stored whole (one part 0), for the caller to read it from there.
 */
export function runValue(parts: TextParts, run: number, period: Period): string | undefined {
  const [from, to] = runRange(run);
  const open = parts.get(from);
  const close = parts.get(to);
  if (open === undefined || close === undefined) return undefined;
  // The opening glue ends with `"<period>":{…"periods":[`; no key inside the value is a period kind.
  const key = `${JSON.stringify(period)}:`;
  const items = [...parts]
    .filter(([seq]) => seq > from && seq < to)
    .sort((a, b) => a[0] - b[0])
    .map(([, text]) => text);
  // The closing glue starts with the run's `]}`.
  return `${open.slice(open.lastIndexOf(key) + key.length)}${items.join('')}${close.slice(0, 2)}`;
}

/** The whole view of a row stored in one part, parsed (rows from before views were filed in parts). */
export function wholeView<T>(parts: TextParts): T {
  const whole = parts.get(NETWORK_PART);
  if (whole === undefined) throw new Error('network-views row without its first part');
  return JSON.parse(whole) as T;
}
