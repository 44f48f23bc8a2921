/*
 * openMany: many AES-256-GCM texts opened in ONE call, each under its own
 * key, nonce and additional data (SPEC 6.1: one data key per event), with
 * OpenSSL's EVP interface, the same library Node's crypto uses (the symbols
 * come from the node binary). Node's createDecipheriv costs ~9 µs per text,
 * mostly the JavaScript wrapper, the cipher fetch and a buffer per call; an
 * export opens a text per event. Here one context is set up once per call
 * and re-keyed per text (~1 µs). Nothing is invented: the tag is checked by
 * EVP_DecryptFinal_ex, and a text whose tag fails has its output wiped.
 *
 * openMany(keys, nonces, aad, aadEnds, sealed, sealedEnds, out, ok) -> opened
 *   keys      n × 32 bytes
 *   nonces    n × 12 bytes
 *   aad       the texts' additional data one after the other, aadEnds[i] where text i's ends (Uint32Array)
 *   sealed    ciphertext ‖ 16-byte tag of each text one after the other, sealedEnds likewise
 *   out       plain text i is written where its sealed bytes start in `sealed` (it is 16 bytes shorter), so
 *             out needs sealed's length, and a text that is skipped or fails moves no other text
 *   ok        n bytes: 1 where text i opened, 0 where it failed (altered, or not this key)
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include "gcm-args.h"

#define ARGS 8

napi_value open_many(napi_env env, napi_callback_info info) {
  uint8_t *p[ARGS];
  size_t len[ARGS];
  if (!typed_args(env, info, "openMany", ARGS, p, len)) return NULL;
  const uint8_t *keys = p[0], *nonces = p[1], *aad = p[2], *sealed = p[4];
  const uint32_t *aad_ends = (const uint32_t *)p[3], *sealed_ends = (const uint32_t *)p[5];
  uint8_t *out = p[6], *ok = p[7];
  size_t n = len[7];
  if (len[0] != n * KEY_BYTES || len[1] != n * NONCE_BYTES || len[3] != n * 4 || len[5] != n * 4) {
    napi_throw_range_error(env, NULL, "openMany: the arrays' lengths disagree");
    return NULL;
  }
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
  if (!ctx || EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1) {
    EVP_CIPHER_CTX_free(ctx);
    napi_throw_error(env, NULL, "openMany: AES-256-GCM is not available");
    return NULL;
  }
  uint32_t opened = 0;
  size_t aad_at = 0, at = 0;
  for (size_t i = 0; i < n; i++) {
    size_t aad_end = aad_ends[i], end = sealed_ends[i];
    ok[i] = 0;
    // Every offset is checked against its array: a wrong end skips its text (ok stays 0), never reads or writes outside.
    int in_bounds = aad_end >= aad_at && aad_end <= len[2] && end >= at + TAG_BYTES && end <= len[4] &&
                    end - TAG_BYTES <= len[6];
    if (in_bounds) {
      size_t plain = end - at - TAG_BYTES, out_at = at;
      int written = 0, last = 0;
      int opens = EVP_DecryptInit_ex(ctx, NULL, NULL, keys + KEY_BYTES * i, nonces + NONCE_BYTES * i) == 1 &&
                  EVP_DecryptUpdate(ctx, NULL, &written, aad + aad_at, (int)(aad_end - aad_at)) == 1 &&
                  EVP_DecryptUpdate(ctx, out + out_at, &written, sealed + at, (int)plain) == 1 &&
                  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG_BYTES, (void *)(sealed + end - TAG_BYTES)) == 1 &&
                  EVP_DecryptFinal_ex(ctx, out + out_at + written, &last) == 1;
      if (opens) {
        ok[i] = 1;
        opened++;
      } else {
        OPENSSL_cleanse(out + out_at, plain);
      }
    }
    aad_at = aad_end;
    at = end;
  }
  EVP_CIPHER_CTX_free(ctx);
  napi_value result;
  napi_create_uint32(env, opened, &result);
  return result;
}
