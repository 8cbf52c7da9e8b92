# The repository's build (npm run build). Everything is in src/addon.gypi,
# which the package ships; `fsdoctor build` writes this same file.
{
  "includes": ["src/addon.gypi"]
}
