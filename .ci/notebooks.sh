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
server=""
# ends the notebook server this script starts (by its process id) and keeps the script's exit status
cleanup() {
  local rc=$?
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$out"
  exit "$rc"
}
trap cleanup EXIT
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
# the README's command: `bin/radspark notebook` serves notebooks/; notebook 01 runs in one of its kernels
port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$("$py" -c 'import secrets; print(secrets.token_hex(16))')
env -u PYTHONPATH -u RADSPARK_HOME bin/radspark notebook --no-browser --port="$port" \
  --NotebookApp.token="$token" > "$out/server.log" 2>&1 &
server=$!
for _ in $(seq 120); do
  curl -sf -H "Authorization: token $token" "http://127.0.0.1:$port/api/status" > /dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$out/server.log"; exit 1; }
  sleep 0.5
done
t0=$(date +%s)
if "$py" notebooks/tests/server_run.py "http://127.0.0.1:$port" "$token" 01_explore_feature_tables.ipynb 900 \
    > "$out/server-run.log" 2>&1; then
  passed=$((passed + 1)); echo "bin/radspark notebook: 01_explore_feature_tables ran in its kernel in $(( $(date +%s) - t0 )) s"
else
  failed=$((failed + 1)); echo "bin/radspark notebook: 01_explore_feature_tables FAILED"; tail -20 "$out/server-run.log"
  tail -20 "$out/server.log"
fi
kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""
echo "notebooks and demo: $(( $(date +%s) - start )) s"
echo "notebooks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
