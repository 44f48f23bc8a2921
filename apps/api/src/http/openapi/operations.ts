/** Summary and description of every operation, keyed `method path` as in the OpenAPI document. */
export const OPERATIONS: Record<string, [summary: string, description: string]> = {
  'get /health': [
    'Health of the store and Redis',
    '200 when the event store (and Redis, when configured) answer, 503 otherwise.',
  ],
  'get /health/live': ['Liveness', 'The process answers: 200 with no dependency checked.'],
  'get /health/ready': [
    'Readiness',
    'Store, read models and Redis (when configured), each with its own bounded timeout; 503 naming the failing check.',
  ],
  'get /v1/me': ['Who am I', "The calling token's role, networkId (network tokens) and id."],
  'get /v1/networks/{networkId}/signals': [
    'Run-chart signals of a measure',
    'SPEC 5.1: points, baseline median, shifts and trends; asOf replays as recorded then.',
  ],
  'get /v1/networks/{networkId}/collaboration': [
    'Collaboration graph of the schools',
    'SPEC 5.2: schools, joint-action ties and density, isolates, components and centralisation in [from, to].',
  ],
  'get /v1/overview/sensitivity': [
    'Threshold sensitivity across networks',
    'SPEC 5.3: networks at each level under the default and the given thresholds, and the networks that change.',
  ],
  'get /v1/overview/cohorts': [
    'Cohorts of networks',
    'SPEC 5.4: per group (region, zone or dependency) and period, the networks at each level and the median index.',
  ],
  'get /v1/exports/events.ndjson': [
    'Export events (NDJSON)',
    'SPEC 5.5: every event (of one network or all) in order, streamed; asOf exports what was recorded by then.',
  ],
  'get /v1/exports/trajectories.csv': [
    'Export trajectories (CSV)',
    'SPEC 5.5: one row per network and period; RFC 4180, UTF-8, bom=true for spreadsheets.',
  ],
  'get /v1/exports/indicators.csv': [
    'Export indicators (CSV)',
    'SPEC 5.5: depth and leadership per network and period; RFC 4180, UTF-8, bom=true for spreadsheets.',
  ],
  'get /metrics': ['Prometheus metrics', 'Text format; families and queries in docs/operations.md.'],
  'get /v1/tokens': ['List tokens', 'Every issued token without its secret (admin).'],
  'post /v1/tokens': ['Issue a token', 'Admin only. The token is shown once in the answer; only its hash is stored.'],
  'delete /v1/tokens/{id}': ['Revoke a token', 'Immediate; 404 TOKEN.NOT_FOUND for an unknown or revoked id.'],
  'get /v1/audit': [
    'The access log',
    'SPEC 6.3, admin only: who read free text or exported, newest first; filters networkId, tokenId, from, to; paged by before.',
  ],
  'post /v1/networks': [
    'Register a network',
    'Admin only; records NetworkRegistered in a new stream network-<networkId>.',
  ],
  'get /v1/networks': ['List networks', 'From the overview read model; a network token sees its own.'],
  'get /v1/networks/{networkId}': [
    'A network now',
    'Members, sessions, cycles with their phase, and the version it reflects.',
  ],
  'post /v1/networks/{networkId}/schools': ['A school joins', 'Records SchoolJoined.'],
  'post /v1/networks/{networkId}/schools/{schoolId}/leave': ['A school leaves', 'Records SchoolLeft.'],
  'post /v1/networks/{networkId}/sessions': [
    'Record a network session',
    'Records SessionHeld; sessionId is generated when absent.',
  ],
  'put /v1/networks/{networkId}/sessions/{sessionId}': [
    'Correct a session',
    'Records SessionCorrected with the full corrected fields and a reason.',
  ],
  'post /v1/networks/{networkId}/sessions/{sessionId}/withdraw': [
    'Withdraw a session',
    'Records SessionWithdrawn; it no longer counts anywhere.',
  ],
  'post /v1/networks/{networkId}/redactions': [
    'Erase free text (admin)',
    'SPEC 6.2: records TextRedacted and destroys the data keys of the listed versions (or "all") in the same transaction; their free text then reads as null with redacted: true everywhere.',
  ],
  'post /v1/networks/{networkId}/cycles': ['Open an inquiry cycle', 'Records InquiryCycleOpened.'],
  'post /v1/networks/{networkId}/cycles/{cycleId}/actions': [
    'Record a joint action',
    'Records JointActionCarriedOut in an open cycle.',
  ],
  'post /v1/networks/{networkId}/cycles/{cycleId}/analysis': [
    'Record the cycle analysis',
    'Records CycleAnalysisRecorded.',
  ],
  'post /v1/networks/{networkId}/cycles/{cycleId}/close': [
    'Close a cycle',
    'Records InquiryCycleClosed with its decision.',
  ],
  'get /v1/networks/{networkId}/cycles/{cycleId}': ['A cycle', 'Its phase, joint actions and analysis.'],
  'get /v1/networks/{networkId}/trajectory': [
    'Practice trajectory',
    'Levels by period with explanation and conditions (Spanish with Accept-Language: es).',
  ],
  'get /v1/networks/{networkId}/indicators': ['Depth and leadership indicators', 'By period (SPEC section 2).'],
  'get /v1/networks/{networkId}/events': ['A network’s events', 'The stream in version order, paged by fromVersion.'],
  'get /v1/networks/{networkId}/state': [
    'A network as known then',
    'State, trajectory and indicators folded from the events recorded up to asOf or version.',
  ],
  'get /v1/events': ['The global log', 'Every event in position order, paged by after.'],
  'get /v1/overview': [
    'Every network’s latest level',
    'For comparing networks, with each line’s latest session date and freshness (projectedAt, lag); region matches ignoring case and accents.',
  ],
  'get /v1/projections': [
    'Projections',
    'Status, checkpoint, lag, parked networks and rebuild progress of each read model.',
  ],
  'post /v1/projections/{name}/rebuild': [
    'Rebuild a projection',
    'Replays the log into a new generation, then switches; 202 with its job id.',
  ],
  'delete /v1/projections/{name}/rebuild': ['Cancel a rebuild', '409 PROJECTION.NO_REBUILD when none runs.'],
};
