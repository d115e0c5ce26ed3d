#!/usr/bin/env bash
# radspark against pyradiomics on the same cases and settings, interleaved (A, B, then B, A, ...), because the
# machines are shared and loaded: only ratios measured in one go mean anything. Not part of .ci/run's pass/fail.
#
#   bash jobs/benchmarks/compare-pyradiomics.sh [--rounds N] [--quick] [--out FILE]
#
# Per case (brain1, breast1, IBSI-1 CT phantom) and setting (pyradiomics-default.yaml, all-filters.yaml):
#   per case after warm-up, single-threaded: `radspark bench` against the harness' bench_pyrad.py (images read
#     once, execute() timed), median wall and process CPU per run; ratio = pyradiomics / radspark.
#   all-filters again with radspark on every core (bench -j), against pyradiomics' single-threaded wall.
#   cold command (default settings, brain1): `pyradiomics IMAGE MASK -p P` against `bin/radspark extract ...`,
#     fresh processes under /usr/bin/time: wall, user+sys CPU, peak RSS.
# pyradiomics comes from ../shared/pyrad-harness (built here by its build.sh); without it only radspark runs.
# Writes a Markdown table (date, machine, load) to --out (default jobs/benchmarks/results-DATE.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds=2
quick=0
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "compare-pyradiomics.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
out="${out:-$here/results-$(date -u +%Y-%m-%d).md}"
source "$here/common.sh"
default="$root/conf/params/pyradiomics-default.yaml"
filters="$root/conf/params/all-filters.yaml"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cases=("brain1|$data/pyradiomics/brain1_image.nrrd|$data/pyradiomics/brain1_label.nrrd"
       "breast1|$data/pyradiomics/breast1_image.nrrd|$data/pyradiomics/breast1_label.nrrd"
       "ct-phantom|$data/ibsi1/ct_phantom/nifti/image.nii.gz|$data/ibsi1/ct_phantom/nifti/mask.nii.gz")
# radspark's warm-up and timed runs per case and setting. `bench --until-compiled` goes on warming up after
# these runs until the JIT's background compilation has settled (it went on for about 10 s of all-filters
# brain1 runs and, counted in the process CPU, had cost up to 60 % more CPU than wall time). pyradiomics
# (numpy, C) gets one warm-up run.
runs_for() {
  case "$2" in
    default) case "$1" in brain1) echo "50 200" ;; breast1) echo "200 1000" ;; *) echo "10 30" ;; esac ;;
    *) [ "$quick" = 1 ] && echo "2 2" || echo "3 10" ;;
  esac
}


rs_case() {  # image mask param warmup runs [threads] -> "wall cpu" (ms)
  "$radspark" bench "$1" "$2" -p "$3" --warmup "$4" --until-compiled --runs "$5" -j "${6:-1}" -q 2>/dev/null \
    | sed -n 's/.*median \([0-9.]*\) ms.*process CPU \([0-9.]*\) ms per run.*/\1 \2/p'
}
py_case() {  # image mask param warmup runs -> "wall cpu" (ms)
  rm -f "$tmp/py.json"  # bench_pyrad.py appends
  /usr/bin/python3 "$harness/bench_pyrad.py" "$1" "$2" --param "$3" --warmup "$4" --runs "$5" --json "$tmp/py.json" \
    >/dev/null 2>&1
  /usr/bin/python3 - "$tmp/py.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))  # bench_pyrad.py's statistics, in ms
print(round(d["wall"]["median"], 3), round(d["cpu"]["median"], 3))
PY
}

{
  echo "# radspark vs pyradiomics, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1);"\
       "pyradiomics from ../shared/pyrad-harness. Load at start: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Interleaved rounds: $rounds. Ratio = pyradiomics / radspark (> 1: radspark faster). Both single-threaded."
  echo
  echo "## Per case after warm-up (median per run)"
  echo
  echo "| case | settings | radspark wall ms | radspark CPU ms | pyradiomics wall ms | pyradiomics CPU ms | wall ratio | CPU ratio |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$out"

for c in "${cases[@]}"; do
  IFS='|' read -r name image mask <<< "$c"
  for setting in default filters; do
    param=$default; [ $setting = filters ] && param=$filters
    read -r warm runs <<< "$(runs_for "$name" $setting)"
    pyruns=$([ $setting = default ] && echo 20 || echo "$runs")
    : > "$tmp/rs"; : > "$tmp/py"
    for ((r = 0; r < rounds; r++)); do
      if [ $((r % 2)) = 0 ]; then
        rs_case "$image" "$mask" "$param" "$warm" "$runs" >> "$tmp/rs"
        [ $pyrad = 1 ] && py_case "$image" "$mask" "$param" 1 "$pyruns" >> "$tmp/py"
      else
        [ $pyrad = 1 ] && py_case "$image" "$mask" "$param" 1 "$pyruns" >> "$tmp/py"
        rs_case "$image" "$mask" "$param" "$warm" "$runs" >> "$tmp/rs"
      fi
    done
    rw=$(cut -d' ' -f1 "$tmp/rs" | median); rc=$(cut -d' ' -f2 "$tmp/rs" | median)
    if [ $pyrad = 1 ] && [ -s "$tmp/py" ]; then
      pw=$(cut -d' ' -f1 "$tmp/py" | median); pc=$(cut -d' ' -f2 "$tmp/py" | median)
      line=$(awk -v rw="$rw" -v rc="$rc" -v pw="$pw" -v pc="$pc" 'BEGIN {printf "%.2f | %.2f | %.2f | %.2f | %.1fx | %.1fx", rw, rc, pw, pc, pw/rw, pc/rc}')
    else
      line="$rw | $rc | - | - | - | -"
    fi
    echo "| $name | $(basename "$param") | $line |" | tee -a "$out"
    if [ $setting = filters ]; then
      # the same case on every core (extract's default for one case), against pyradiomics' single-case wall
      : > "$tmp/rsj"
      for ((r = 0; r < rounds; r++)); do
        rs_case "$image" "$mask" "$param" "$warm" "$runs" "$(nproc)" >> "$tmp/rsj"
      done
      jw=$(cut -d' ' -f1 "$tmp/rsj" | median); jc=$(cut -d' ' -f2 "$tmp/rsj" | median)
      if [ $pyrad = 1 ] && [ -s "$tmp/py" ]; then
        awk -v n="$name" -v s="$(basename "$param")" -v jw="$jw" -v jc="$jc" -v pw="$pw" \
          'BEGIN {printf "| %s | %s | %.2f | %.2f | %.2f | %.1fx |\n", n, s, jw, jc, pw, pw/jw}' >> "$tmp/threads"
      else
        awk -v n="$name" -v s="$(basename "$param")" -v jw="$jw" -v jc="$jc" \
          'BEGIN {printf "| %s | %s | %.2f | %.2f | - | - |\n", n, s, jw, jc}' >> "$tmp/threads"
      fi
    fi
  done
done
if [ -s "$tmp/threads" ]; then
  {
    echo
    echo "## One case on every core ($(nproc) threads: image types and feature families at once; bench -j)"
    echo
    echo "| case | settings | radspark wall ms | radspark CPU ms | pyradiomics wall ms (1 thread) | wall ratio |"
    echo "|---|---|---|---|---|---|"
    cat "$tmp/threads"
  } | tee -a "$out"
fi

{
  echo
  echo "## Whole command from a cold process (brain1, default settings; extract uses every core by default)"
  echo
  echo "| tool | wall s | CPU s | peak RSS MB |"
  echo "|---|---|---|---|"
} >> "$out"
image="$data/pyradiomics/brain1_image.nrrd"; mask="$data/pyradiomics/brain1_label.nrrd"
: > "$tmp/cold"
for ((r = 0; r < rounds; r++)); do
  /usr/bin/time -f "radspark %e %U %S %M" -a -o "$tmp/cold" "$radspark" extract "$image" "$mask" -p "$default" -q \
    > /dev/null 2>&1
  if [ $pyrad = 1 ]; then
    /usr/bin/time -f "pyradiomics %e %U %S %M" -a -o "$tmp/cold" pyradiomics "$image" "$mask" -p "$default" \
      > /dev/null 2>&1
  fi
done
for tool in radspark pyradiomics; do
  grep "^$tool " "$tmp/cold" > "$tmp/t" || continue
  w=$(cut -d' ' -f2 "$tmp/t" | median)
  cpu=$(awk '{print $3 + $4}' "$tmp/t" | median)
  rss=$(awk '{print $5 / 1024}' "$tmp/t" | median)
  printf "| %s | %.2f | %.2f | %.0f |\n" "$tool" "$w" "$cpu" "$rss" | tee -a "$out"
done
echo >> "$out"
echo "Load at end: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$out"
echo "[bench] written $out" >&2
