# Shared by the benchmark scripts (sourced; they set $root first).
# pyradiomics from ../shared/pyrad-harness (built by its build.sh when needed): pyrad=1 with its environment
# sourced, else pyrad=0 and a note that only radspark's figures come.
harness="$root/../shared/pyrad-harness"
pyrad=0
if [ -f /tmp/pyrad/env.sh ] || { [ -f "$harness/build.sh" ] && bash "$harness/build.sh" >/dev/null 2>&1; }; then
  pyrad=1
  source /tmp/pyrad/env.sh
else
  echo "[bench] no pyradiomics harness: radspark figures only" >&2
fi
radspark="$root/bin/radspark"
data="$root/testdata"

# the median of the numbers on stdin, one per line
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
