# The addon's build, for node-gyp. The package ships no binding.gyp, so
# that no package manager builds it on install (npm honours "gypfile":
# false; pnpm and yarn build any package with a binding.gyp at its root);
# the repository's binding.gyp and the one `fsdoctor build` writes into an
# installed package include this file. Paths here are relative to src/;
# the source lists come from scripts/sources.js, run from the package root.
{
  "targets": [
    {
      "target_name": "fsdoctor",
      "include_dirs": ["."],
      "defines": ["NAPI_VERSION=8"],
      "cflags_c": ["-std=gnu11", "-Wall", "-Wextra", "-fvisibility=hidden"],
      "conditions": [
        ["OS=='linux'", {
          "sources": ["<!@(node scripts/sources.js addon linux)"]
        }],
        ["OS=='mac'", {
          "sources": ["<!@(node scripts/sources.js addon darwin)"],
          "xcode_settings": {
            "OTHER_CFLAGS": ["-std=gnu11", "-Wall", "-Wextra"]
          }
        }],
        ["OS=='win'", {
          "sources": ["<!@(node scripts/sources.js addon win32)"],
          "defines": ["UNICODE", "_UNICODE", "WIN32_LEAN_AND_MEAN",
                      "_WIN32_WINNT=0x0A00", "_CRT_SECURE_NO_WARNINGS"],
          "libraries": ["rstrtmgr.lib", "advapi32.lib", "mpr.lib"],
          "msvs_settings": {
            "VCCLCompilerTool": { "WarningLevel": 3 }
          }
        }]
      ]
    }
  ]
}
