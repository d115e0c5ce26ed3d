#!/usr/bin/env bash
# How radspark's time and memory grow with the number of cases, the cores and the image size. Whole commands
# from fresh processes under treepeak.py (wall, CPU of every process, peak PSS of the process tree). Not part
# of .ci/run: the machines are shared and loaded, so the file records the load with the figures.
#
#   bash jobs/benchmarks/scaling.sh [--param FILE] [--counts "20 200 1000"] [--sections "cases cores sizes"]
#                                   [--out FILE]
#
# Cohorts cycle the bundled brain1 and breast1 cases under distinct patient ids:
#   cases:  `cohort extract --master local[2]` on each count (default 20, 200, 1000);
#   cores:  the 200-case cohort (or the largest count below it) on local[1] and local[2];
#   sizes:  one `extract` of breast1 (small ROI), brain1 (brain-sized) and `bench-synthetic` on a generated
#           512 x 512 x 300 CT, each in a fresh JVM.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
param="$root/conf/params/all-filters.yaml"
counts="20 200 1000"
sections="cases cores sizes"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --param) param="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --counts) counts="$2"; shift 2 ;;
    --sections) sections="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "scaling.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
out="${out:-$here/results-$(date -u +%Y-%m-%d)-scaling.md}"
radspark="$root/bin/radspark"
data="$root/testdata/pyradiomics"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

manifest() {  # N -> path of a manifest of N cases
  local m="$tmp/manifest-$1.csv" i
  echo "patient_id,image,mask" > "$m"
  for ((i = 0; i < $1; i++)); do
    if [ $((i % 2)) = 0 ]; then
      printf 'S-%05d,%s,%s\n' "$i" "$data/brain1_image.nrrd" "$data/brain1_label.nrrd" >> "$m"
    else
      printf 'S-%05d,%s,%s\n' "$i" "$data/breast1_image.nrrd" "$data/breast1_label.nrrd" >> "$m"
    fi
  done
  echo "$m"
}
measure() {  # label command... -> a table row "| label | wall | CPU | PSS |" plus the command's own summary
  local label="$1"; shift
  /usr/bin/python3 "$here/treepeak.py" -- "$@" > "$tmp/cmd.out" 2> "$tmp/cmd.err" \
    || { tail -20 "$tmp/cmd.out" "$tmp/cmd.err" >&2; exit 1; }
  local stats summary
  stats=$(sed -n 's/^treepeak wall=\([0-9.]*\) cpu=\([0-9.]*\) peak_pss_mb=\([0-9]*\)$/\1 \2 \3/p' "$tmp/cmd.err")
  summary=$(grep -E '^time |peak heap' "$tmp/cmd.out" | head -1 | sed 's/|/\//g' || true)
  read -r w c r <<< "$stats"
  printf '| %s | %.1f | %.1f | %s | %s |\n' "$label" "$w" "$c" "$r" "$summary"
}
cohort() {  # N K -> row
  rm -rf "$tmp/tables"
  measure "$1 cases, local[$2]" "$radspark" cohort extract -m "$(manifest "$1")" -p "$param" -t "$tmp/tables" \
    --master "local[$2]" -q
}

{
  echo "# radspark scaling, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)," \
    "$(java -version 2>&1 | head -1); bin/radspark's default heap limit. Load at start: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Parameters: $(basename "$param"). Whole commands from fresh processes; wall and CPU in seconds, peak memory (PSS:"
  echo "shared pages counted once) of the process tree in MB. Cohorts alternate brain1 and breast1."
  echo
} | tee "$out"
has() { [[ " $sections " == *" $1 "* ]]; }
table() {  # title
  printf '## %s\n\n| run | wall s | CPU s | peak PSS MB | radspark'"'"'s summary |\n|---|---|---|---|---|\n' "$1" | tee -a "$out"
}
largest=0
for n in $counts; do
  [ "$n" -le 200 ] && largest=$n
done
if has cases; then
  table "Number of cases (cohort extract, local[2])"
  for n in $counts; do
    cohort "$n" 2 | tee -a "$out"
  done
  echo | tee -a "$out"
fi
if has cores; then
  table "Cores ($largest cases)"
  for k in 1 2; do
    cohort "$largest" "$k" | tee -a "$out"
  done
  echo | tee -a "$out"
fi
if has sizes; then
  table "Image and ROI size (one case, fresh JVM)"
  measure "breast1 (45x120x21, ROI 143 voxels)" "$radspark" extract "$data/breast1_image.nrrd" "$data/breast1_label.nrrd" \
    -p "$param" -o "$tmp/b.csv" -q | tee -a "$out"
  measure "brain1 (256x256x25, ROI 4,137 voxels)" "$radspark" extract "$data/brain1_image.nrrd" "$data/brain1_label.nrrd" \
    -p "$param" -o "$tmp/b.csv" -q | tee -a "$out"
  measure "synthetic CT 512x512x300 (ROI 151 k voxels)" "$radspark" bench-synthetic --size 512x512x300 -p "$param" \
    | tee -a "$out"
  echo | tee -a "$out"
fi
echo "Load at end: $(cut -d' ' -f1-3 /proc/loadavg)." | tee -a "$out"
echo "[bench] written $out" >&2
