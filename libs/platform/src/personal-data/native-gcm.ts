/**
 * The native AES-GCM batch addon (libs/platform/native/, built at `npm
 * install`): many texts, each under its own key, opened (gcm-open.c) or
 * sealed (gcm-seal.c) in one call through OpenSSL, several times cheaper per
 * text than Node's createDecipheriv / createCipheriv (which an export, a
 * page of events or a write would otherwise call once per text). Optional:
 * where it did not build (no compiler), callers go text by text with Node's
 * crypto, and the API says so at start-up.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface NativeGcm {
  /** See gcm-open.c for the layout; answers how many texts opened. */
  openMany(
    keys: Uint8Array,
    nonces: Uint8Array,
    aad: Uint8Array,
    aadEnds: Uint32Array,
    sealed: Uint8Array,
    sealedEnds: Uint32Array,
    out: Uint8Array,
    ok: Uint8Array,
  ): number;
  /** See gcm-seal.c for the layout; answers how many texts it sealed (all, or it throws). */
  sealMany(
    keys: Uint8Array,
    nonces: Uint8Array,
    aad: Uint8Array,
    aadEnds: Uint32Array,
    plain: Uint8Array,
    plainEnds: Uint32Array,
    out: Uint8Array,
  ): number;
}

const ADDON = join('libs', 'platform', 'native', 'build', 'Release', 'gcm_batch.node');

/** The addon, looked for above this file (the repository's root, from sources or from dist/). */
function addonPath(): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ADDON))) return join(dir, ADDON);
    if (dirname(dir) === dir) return undefined;
  }
}

let loaded: NativeGcm | null | undefined;

/** The native opener, or undefined where it is off or not built (loaded once per thread). */
export function nativeGcm(): NativeGcm | undefined {
  if (loaded === undefined) {
    const path = addonPath();
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = path ? (require(path) as NativeGcm) : null;
    } catch {
      loaded = null; // built for another Node: open text by text
    }
  }
  return loaded ?? undefined;
}
