/**
 * The native AES-GCM batch opener (libs/platform/native/gcm-open.c, built at
 * `npm install`): many texts, each under its own key, opened in one call
 * through OpenSSL, about 10× cheaper per text than Node's createDecipheriv
 * (which an export, or a page of events, would otherwise call once per
 * text). Optional: where it
 * did not build (no compiler), callers open text by text, and the API says
 * so at start-up.
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
}

const ADDON = join('libs', 'platform', 'native', 'build', 'Release', 'gcm_open.node');

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
