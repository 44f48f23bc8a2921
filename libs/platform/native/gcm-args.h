/* What gcm-open.c and gcm-seal.c share: reading their byte arrays from JavaScript. */
#ifndef INDAGA_GCM_ARGS_H
#define INDAGA_GCM_ARGS_H

#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define KEY_BYTES 32
#define NONCE_BYTES 12
#define TAG_BYTES 16

/* A Uint8Array's or Uint32Array's bytes and their count; 0 for anything else. */
static inline int bytes_of(napi_env env, napi_value value, uint8_t **data, size_t *length) {
  bool typed = false;
  if (napi_is_typedarray(env, value, &typed) != napi_ok || !typed) return 0;
  napi_typedarray_type type;
  size_t elements;
  void *at;
  if (napi_get_typedarray_info(env, value, &type, &elements, &at, NULL, NULL) != napi_ok) return 0;
  if (type != napi_uint8_array && type != napi_uint32_array) return 0;
  *data = at;
  *length = elements * (type == napi_uint32_array ? 4 : 1);
  return 1;
}

#define MAX_ARGS 8

/*
 * The `count` arguments of the call `name`, every one a Uint8Array or a
 * Uint32Array: their bytes in p[i] and lengths in len[i]. Throws a TypeError
 * naming `name` and answers 0 when there are not exactly `count`, or one is
 * of another kind.
 */
static inline int typed_args(napi_env env, napi_callback_info info, const char *name, size_t count, uint8_t **p,
                             size_t *len) {
  size_t argc = MAX_ARGS;
  napi_value argv[MAX_ARGS];
  char message[96];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != count) {
    snprintf(message, sizeof message, "%s takes %zu arguments", name, count);
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  for (size_t i = 0; i < count; i++)
    if (!bytes_of(env, argv[i], &p[i], &len[i])) {
      snprintf(message, sizeof message, "%s takes Uint8Arrays and Uint32Arrays", name);
      napi_throw_type_error(env, NULL, message);
      return 0;
    }
  return 1;
}

napi_value open_many(napi_env env, napi_callback_info info);
napi_value seal_many(napi_env env, napi_callback_info info);

#endif
