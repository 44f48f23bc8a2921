import type { CycleState, NetworkState, SessionStatus } from './state';
import type { NetworkStateDraft } from './evolve';

/**
 * A map seen through to a base it never changes: reads of a key it has not
 * set fall through to `base`, writes stay in it. Creating one is O(1); the
 * decider only calls `get` and `has`, which stay O(1). Iteration and `size`
 * merge both (O(n), nothing on the write path uses them).
 */
export class OverlayMap<K, V> implements ReadonlyMap<K, V> {
  private readonly own = new Map<K, V>();

  constructor(private readonly base: ReadonlyMap<K, V>) {}

  get(key: K): V | undefined {
    return this.own.has(key) ? this.own.get(key) : this.base.get(key);
  }
  has(key: K): boolean {
    return this.own.has(key) || this.base.has(key);
  }
  set(key: K, value: V): this {
    this.own.set(key, value);
    return this;
  }
  get size(): number {
    return this.merged().size;
  }
  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.merged().forEach((value, key) => callback.call(thisArg, value, key, this));
  }
  entries() {
    return this.merged().entries();
  }
  keys() {
    return this.merged().keys();
  }
  values() {
    return this.merged().values();
  }
  [Symbol.iterator]() {
    return this.merged()[Symbol.iterator]();
  }
  private merged(): Map<K, V> {
    return new Map([...this.base, ...this.own]);
  }
}

/** The same for a set (values are only ever added). */
export class OverlaySet<T> implements ReadonlySet<T> {
  private readonly own = new Set<T>();

  constructor(private readonly base: ReadonlySet<T>) {}

  has(value: T): boolean {
    return this.own.has(value) || this.base.has(value);
  }
  add(value: T): this {
    if (!this.base.has(value)) this.own.add(value);
    return this;
  }
  get size(): number {
    return this.base.size + this.own.size;
  }
  forEach(callback: (value: T, same: T, set: ReadonlySet<T>) => void, thisArg?: unknown): void {
    this.merged().forEach((value) => callback.call(thisArg, value, value, this));
  }
  entries() {
    return this.merged().entries();
  }
  keys() {
    return this.merged().keys();
  }
  values() {
    return this.merged().values();
  }
  [Symbol.iterator]() {
    return this.merged()[Symbol.iterator]();
  }
  private merged(): Set<T> {
    return new Set([...this.base, ...this.own]);
  }
}

/**
 * A draft over `state` for the few events of one round of decisions, in
 * O(memberships) instead of draftOf's O(state): its sessions, cycles and
 * action ids see through to `state`'s, which stays as it was. For a caller
 * that decides several commands in a row on a state it must not change (the
 * write path: a network with 10,000 sessions and 8 concurrent writers copied
 * its session map on every round).
 */
export function roundDraftOf(state: NetworkState): NetworkStateDraft {
  return {
    ...state,
    memberships: [...state.memberships],
    sessions: new OverlayMap<string, SessionStatus>(state.sessions),
    cycles: new OverlayMap<string, CycleState>(state.cycles),
    actionIds: new OverlaySet<string>(state.actionIds),
  };
}
