/** Messages between the API and its catch-up notifier thread (relative imports only). */
export interface NotifierData {
  redisUrl: string;
  prefix: string;
  attempts?: number;
  backoffMs?: number;
}

export type ToNotifier = { type: 'add'; id: number; networkIds: string[] } | { type: 'close' };

export type FromNotifier = { id: number; ok: true } | { id: number; ok: false; message: string };
