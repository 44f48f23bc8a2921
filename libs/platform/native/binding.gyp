{
  "targets": [
    {
      "target_name": "gcm_open",
      "sources": ["gcm-open.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    }
  ]
}
