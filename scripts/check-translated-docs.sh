#!/usr/bin/env bash
# The Python README, generated with the rosetta tablet, must hold translated code: no TypeScript passed through.
# (jsii-pacmak --code-only writes the Python sources and README without building a package.)
set -euo pipefail
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
jsii-pacmak --targets python --code-only --outdir "$out" --rosetta-tablet .jsii.tabl.json > /dev/null
readme="$out/python/README.md"
blocks="$(grep -c '^```python' "$readme" || true)"
if grep -nE '^\s*(const |let |import \{|import \* as |new [A-Z][A-Za-z]*\(|\}\);?$)' "$readme"; then
  echo "The Python README above still shows TypeScript: make the README example compile under jsii-rosetta (rosetta/*.ts-fixture)." >&2
  exit 1
fi
echo "Python README: ${blocks} translated code blocks, no TypeScript."
