{
  "targets": [
    {
      "target_name": "fsdoctor",
      "sources": [
        "src/binding.c",
        "src/ops.c",
        "src/val.c",
        "src/errnames.c",
        "src/report.c",
        "src/kinds.c",
        "src/errtext.c",
        "src/errtext_line.c",
        "src/errtext_scan.c",
        "src/errtext_tab.c",
        "src/gather.c",
        "src/diagnose.c",
        "src/causes.c",
        "src/binding_scan.c",
        "src/scan.c",
        "src/fixes.c",
        "src/rules.c",
        "src/rules_fs.c", "src/rules_shapes.c",
        "src/rules_places.c"
      ],
      "defines": ["NAPI_VERSION=8"],
      "cflags_c": ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fvisibility=hidden"],
      "conditions": [
        ["OS=='linux'", {
          "sources": ["src/platform/posix.c", "src/platform/posix_link.c",
                      "src/platform/unix_util.c", "src/platform/linux.c",
                      "src/platform/linux_fs.c", "src/platform/linux_holders.c",
                      "src/platform/linux_holders_proc.c",
                      "src/platform/linux_holders_lease.c",
                      "src/platform/linux_holders_util.c",
                      "src/platform/posix-win32err.c",
                      "src/platform/posix_scan.c", "src/platform/posix_scan_pool.c",
                      "src/platform/linux_scandir.c"]
        }],
        ["OS=='mac'", {
          "sources": ["src/platform/posix.c", "src/platform/posix_link.c",
                      "src/platform/unix_util.c", "src/platform/darwin.c",
                      "src/platform/darwin_hooks.c",
                      "src/platform/posix-win32err.c",
                      "src/platform/posix_scan.c", "src/platform/posix_scan_pool.c",
                      "src/platform/darwin_scandir.c"],
          "xcode_settings": {
            "OTHER_CFLAGS": ["-std=gnu11", "-Wall", "-Wextra", "-Werror"]
          }
        }],
        ["OS=='win'", {
          "sources": [
            "src/platform/win32.c",
            "src/platform/win32-fs.c",
            "src/platform/win32-path.c",
            "src/platform/win32-priv.c",
            "src/platform/win32-holders.c",
            "src/platform/win32-err.c",
            "src/platform/win32_scan.c",
            "src/platform/win32_scan_link.c"
          ],
          "defines": ["UNICODE", "_UNICODE", "WIN32_LEAN_AND_MEAN",
                      "_WIN32_WINNT=0x0A00", "_CRT_SECURE_NO_WARNINGS"],
          "libraries": ["rstrtmgr.lib", "advapi32.lib", "mpr.lib"],
          "msvs_settings": {
            "VCCLCompilerTool": { "WarningLevel": 3, "WarnAsError": "true" }
          }
        }]
      ]
    }
  ]
}
