#!/usr/bin/env bash
# A small cohort through radspark's cohort job and through pyradiomics' batch mode on the same cases,
# interleaved (A, B, then B, A, ...) because the machines are shared and loaded. Not part of .ci/run.
#
#   bash jobs/benchmarks/compare-cohort.sh [--cases N] [--rounds R] [--workers K] [--param FILE] [--out FILE]
#
# Cases cycle brain1, breast1 and the IBSI-1 CT phantom (NIfTI) under distinct patient ids (default 20).
#   radspark:    bin/radspark cohort extract --master local[K] into fresh Delta tables (features, features_wide,
#                runs, errors), the whole command from a fresh JVM;
#   pyradiomics: pyradiomics CASES.csv -o out.csv -f csv -j K (its batch mode, K worker processes).
# Each under jobs/benchmarks/treepeak.py: wall, CPU (user + system of every process) and the peak PSS of the
# whole process tree. radspark's own summary gives the share of its table writes.
# Writes a Markdown section (date, machine, load) to --out (default jobs/benchmarks/results-DATE-cohort.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cases=20
rounds=2
workers=2
param="$root/conf/params/all-filters.yaml"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --param) param="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "compare-cohort.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
out="${out:-$here/results-$(date -u +%Y-%m-%d)-cohort.md}"
source "$here/common.sh"
peak="/usr/bin/python3 $here/treepeak.py"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

images=("$data/pyradiomics/brain1_image.nrrd|$data/pyradiomics/brain1_label.nrrd"
        "$data/pyradiomics/breast1_image.nrrd|$data/pyradiomics/breast1_label.nrrd"
        "$data/ibsi1/ct_phantom/nifti/image.nii.gz|$data/ibsi1/ct_phantom/nifti/mask.nii.gz")
echo "patient_id,image,mask" > "$tmp/manifest.csv"
echo "Image,Mask" > "$tmp/cases.csv"
for ((i = 0; i < cases; i++)); do
  IFS='|' read -r image mask <<< "${images[$((i % ${#images[@]}))]}"
  printf 'BENCH-%04d,%s,%s\n' "$i" "$image" "$mask" >> "$tmp/manifest.csv"
  printf '%s,%s\n' "$image" "$mask" >> "$tmp/cases.csv"
done

run_radspark() {  # round -> appends "wall cpu rss writes" to $tmp/rs
  local log="$tmp/rs-$1.log"
  $peak -- "$radspark" cohort extract -m "$tmp/manifest.csv" -p "$param" -t "$tmp/tables-$1" \
    --master "local[$workers]" > "$log" 2> "$log.err" || { cat "$log" "$log.err" >&2; exit 1; }
  local writes
  writes=$(sed -n 's/.*table writes \([0-9.]*\) s.*/\1/p' "$log" | head -1)
  sed -n 's/^treepeak wall=\([0-9.]*\) cpu=\([0-9.]*\) peak_pss_mb=\([0-9]*\)$/\1 \2 \3/p' "$log.err" \
    | sed "s/\$/ ${writes:-0}/" >> "$tmp/rs"
  rm -rf "$tmp/tables-$1"
}
run_pyradiomics() {  # round -> appends "wall cpu rss" to $tmp/py
  $peak -- pyradiomics "$tmp/cases.csv" -o "$tmp/py-$1.csv" -f csv -j "$workers" -p "$param" \
    > /dev/null 2> "$tmp/py-$1.err" || { tail -20 "$tmp/py-$1.err" >&2; exit 1; }
  sed -n 's/^treepeak wall=\([0-9.]*\) cpu=\([0-9.]*\) peak_pss_mb=\([0-9]*\)$/\1 \2 \3/p' "$tmp/py-$1.err" >> "$tmp/py"
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
: > "$tmp/rs"; : > "$tmp/py"
for ((r = 0; r < rounds; r++)); do
  echo "[bench] round $((r + 1)) of $rounds" >&2
  if [ $((r % 2)) = 0 ]; then
    run_radspark "$r"; [ $pyrad = 1 ] && run_pyradiomics "$r"
  else
    [ $pyrad = 1 ] && run_pyradiomics "$r"; run_radspark "$r"
  fi
done
col() { cut -d' ' -f"$2" "$1" | median; }
{
  echo "# Cohort of $cases cases: radspark cohort job vs pyradiomics batch, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)," \
    "$(java -version 2>&1 | head -1). Load at start: $load_start, at end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Cases cycle brain1, breast1, IBSI-1 CT phantom; $(basename "$param"); $workers workers each" \
    "(radspark local[$workers], pyradiomics -j $workers); $rounds interleaved rounds, medians; whole commands from" \
    "fresh processes. Ratio = pyradiomics / radspark."
  echo
  echo "| tool | wall s | CPU s | peak memory of the process tree (PSS) MB | table writes s (share of wall) |"
  echo "|---|---|---|---|---|"
  rw=$(col "$tmp/rs" 1); rc=$(col "$tmp/rs" 2); rr=$(col "$tmp/rs" 3); rt=$(col "$tmp/rs" 4)
  awk -v w="$rw" -v c="$rc" -v m="$rr" -v t="$rt" 'BEGIN {printf "| radspark | %.1f | %.1f | %.0f | %.1f (%.0f %%) |\n", w, c, m, t, 100 * t / w}'
  if [ $pyrad = 1 ]; then
    pw=$(col "$tmp/py" 1); pc=$(col "$tmp/py" 2); pr=$(col "$tmp/py" 3)
    awk -v w="$pw" -v c="$pc" -v m="$pr" 'BEGIN {printf "| pyradiomics | %.1f | %.1f | %.0f | |\n", w, c, m}'
    awk -v a="$pw" -v b="$rw" -v c="$pc" -v d="$rc" 'BEGIN {printf "\nRatio: wall %.2fx, CPU %.2fx.\n", a / b, c / d}'
  fi
  echo
  echo "Runs (wall s, CPU s, peak PSS MB[, table writes s]):"
  sed 's/^/- radspark: /' "$tmp/rs"
  [ $pyrad = 1 ] && sed 's/^/- pyradiomics: /' "$tmp/py"
} | tee "$out"
echo "[bench] written $out" >&2
