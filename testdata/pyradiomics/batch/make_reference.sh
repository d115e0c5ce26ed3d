#!/usr/bin/env bash
# Makes pyradiomics_batch.csv: pyradiomics' own batch output for cases.csv (brain1 and breast1 with
# conf/params/pyradiomics-default.yaml, paths relative to this folder). Needs the pyradiomics harness
# of ../shared/pyrad-harness (built here by its build.sh; pyradiomics 3.1.1.dev111 on Debian's Python).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
[ -f /tmp/pyrad/env.sh ] || bash "$root/../shared/pyrad-harness/build.sh"
source /tmp/pyrad/env.sh
cd "$here"
rm -f pyradiomics_batch.csv   # pyradiomics appends to -o
pyradiomics ./cases.csv -o pyradiomics_batch.csv -f csv -p ../../../conf/params/pyradiomics-default.yaml \
  --format-path relative 2>/dev/null
echo "wrote $here/pyradiomics_batch.csv ($(wc -l < pyradiomics_batch.csv) lines)"
