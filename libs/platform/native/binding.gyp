{
  "targets": [
    {
      "target_name": "gcm_batch",
      "sources": ["gcm-addon.c", "gcm-open.c", "gcm-seal.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    }
  ]
}
