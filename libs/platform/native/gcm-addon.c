/* The addon's exports: openMany (gcm-open.c) and sealMany (gcm-seal.c). */
#include "gcm-args.h"

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "openMany", NAPI_AUTO_LENGTH, open_many, NULL, &fn);
  napi_set_named_property(env, exports, "openMany", fn);
  napi_create_function(env, "sealMany", NAPI_AUTO_LENGTH, seal_many, NULL, &fn);
  napi_set_named_property(env, exports, "sealMany", fn);
  return exports;
}
