#!/usr/bin/env bash
# The notebooks' part of CI (after `mvn verify` has built jobs/target/radspark.jar): writes the demo's
# tables with `bin/radspark demo` (the README's first command), runs the helper's pytest tests, then
# executes every notebook headless; each notebook's cells assert the facts they show, so a broken
# notebook fails here. Executed copies go to a temporary folder: the committed notebooks stay output-free.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export RADSPARK_HOME="$PWD" PYTHONPATH="$PWD/notebooks" PYDEVD_DISABLE_FILE_VALIDATION=1
py=/usr/bin/python3
start=$(date +%s)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "== bin/radspark demo"
bin/radspark demo > "$out/demo.log" 2>&1 || { tail -40 "$out/demo.log"; exit 1; }
grep '^\[radspark\]' "$out/demo.log" | tail -4
echo "== notebook helper tests"
"$py" -m pytest -q -p no:cacheprovider notebooks/tests
passed=0; failed=0
for nb in notebooks/[0-9]*.ipynb; do
  t0=$(date +%s)
  if "$py" -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=900 --output-dir "$out" "$nb" \
      > "$out/log" 2>&1; then
    passed=$((passed + 1)); echo "notebook $nb: passed in $(( $(date +%s) - t0 )) s"
  else
    failed=$((failed + 1)); echo "notebook $nb: FAILED in $(( $(date +%s) - t0 )) s"; grep -v '^0.00s' "$out/log" | tail -40
  fi
done
echo "notebooks and demo: $(( $(date +%s) - start )) s"
echo "notebooks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
