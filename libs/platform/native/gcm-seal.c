/*
 * sealMany: many texts sealed with AES-256-GCM in ONE call, each under its
 * own key, nonce and additional data: the write path's counterpart of
 * openMany (gcm-open.c). A write seals each free text under its event's new
 * data key and wraps that key under the master key (SPEC 6.1); Node's
 * createCipheriv costs microseconds per text in its JavaScript wrapper and
 * the cipher fetch, here one context is re-keyed per text.
 *
 * sealMany(keys, nonces, aad, aadEnds, plain, plainEnds, out)
 *   keys      n × 32 bytes
 *   nonces    n × 12 bytes (the caller chooses them: sealed-text.ts says which)
 *   aad       the texts' additional data one after the other, aadEnds[i] where text i's ends (Uint32Array)
 *   plain     the texts one after the other, plainEnds likewise
 *   out       plain's length + 16 × n: text i's ciphertext ‖ 16-byte tag is written at plainStart(i) + 16 × i,
 *             so it ends at plainEnds[i] + 16 × (i + 1)
 * Throws when an offset is out of bounds or the cipher fails (nothing is half-sealed silently).
 */
#include <openssl/evp.h>
#include "gcm-args.h"

#define ARGS 7

napi_value seal_many(napi_env env, napi_callback_info info) {
  uint8_t *p[ARGS];
  size_t len[ARGS];
  if (!typed_args(env, info, "sealMany", ARGS, p, len)) return NULL;
  const uint8_t *keys = p[0], *nonces = p[1], *aad = p[2], *plain = p[4];
  const uint32_t *aad_ends = (const uint32_t *)p[3], *plain_ends = (const uint32_t *)p[5];
  uint8_t *out = p[6];
  size_t n = len[3] / 4;
  if (len[0] != n * KEY_BYTES || len[1] != n * NONCE_BYTES || len[5] != n * 4 || len[6] != len[4] + n * TAG_BYTES) {
    napi_throw_range_error(env, NULL, "sealMany: the arrays' lengths disagree");
    return NULL;
  }
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
  if (!ctx || EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1) {
    EVP_CIPHER_CTX_free(ctx);
    napi_throw_error(env, NULL, "sealMany: AES-256-GCM is not available");
    return NULL;
  }
  const char *failure = NULL;
  size_t aad_at = 0, at = 0;
  for (size_t i = 0; i < n && !failure; i++) {
    size_t aad_end = aad_ends[i], end = plain_ends[i], out_at = at + TAG_BYTES * i;
    if (aad_end < aad_at || aad_end > len[2] || end < at || end > len[4]) {
      failure = "sealMany: an offset is out of bounds";
      break;
    }
    int written = 0, last = 0;
    int sealed = EVP_EncryptInit_ex(ctx, NULL, NULL, keys + KEY_BYTES * i, nonces + NONCE_BYTES * i) == 1 &&
                 EVP_EncryptUpdate(ctx, NULL, &written, aad + aad_at, (int)(aad_end - aad_at)) == 1 &&
                 EVP_EncryptUpdate(ctx, out + out_at, &written, plain + at, (int)(end - at)) == 1 &&
                 EVP_EncryptFinal_ex(ctx, out + out_at + written, &last) == 1 &&
                 EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG_BYTES, out + out_at + (end - at)) == 1;
    if (!sealed) failure = "sealMany: the cipher failed";
    aad_at = aad_end;
    at = end;
  }
  EVP_CIPHER_CTX_free(ctx);
  if (failure) {
    napi_throw_error(env, NULL, failure);
    return NULL;
  }
  napi_value result;
  napi_create_uint32(env, (uint32_t)n, &result);
  return result;
}
