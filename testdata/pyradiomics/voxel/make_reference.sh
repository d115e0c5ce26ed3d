#!/usr/bin/env bash
# Makes pyradiomics' own voxel-based feature maps for the voxel-mode tests:
#   brain1/, breast1/          conf/params/pyradiomics-default.yaml (kernelRadius 1, masked kernel, initValue 0)
#   breast1-unmasked/          voxel-unmasked.yaml (kernelRadius 2, maskedKernel false, initValue NaN,
#                              euclidean weighting)
#   breast1-batched/           voxel-batched.yaml (firstorder and glcm, voxelBatch 20)
# Each folder holds the maps pyradiomics' CLI writes in voxel mode (Case-1_<feature>.nrrd, gzip NRRD of
# float64 on the ROI box padded by kernelRadius) and its one-row CSV (pyradiomics_voxel.csv).
# Needs the pyradiomics harness of ../shared/pyrad-harness (pyradiomics 3.1.1.dev111 on Debian's Python);
# run_pyradiomics_voxel.py works around its voxel-mode progress-reporter bug and changes nothing else.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
[ -f /tmp/pyrad/env.sh ] || bash "$root/../shared/pyrad-harness/build.sh"
source /tmp/pyrad/env.sh
cd "$here"
run() {  # case, params, folder
  rm -rf "$3" && mkdir -p "$3"
  /usr/bin/python3 run_pyradiomics_voxel.py "../$1_image.nrrd" "../$1_label.nrrd" --mode voxel \
    --out-dir "$3" -p "$2" -o "$3/pyradiomics_voxel.csv" -f csv 2>"$3.log" || { cat "$3.log"; exit 1; }
  # pyradiomics logs (and then skips) GLCM MCC when a kernel has an angle without pairs: keep that fact
  grep -c "LinAlgError" "$3.log" > /dev/null && echo "$3: pyradiomics could not compute glcm MCC (map keeps initValue)"
  rm -f "$3.log"
  echo "$3: $(ls "$3"/*.nrrd | wc -l) maps"
}
run brain1 ../../../conf/params/pyradiomics-default.yaml brain1
run breast1 ../../../conf/params/pyradiomics-default.yaml breast1
run breast1 voxel-unmasked.yaml breast1-unmasked
run breast1 voxel-batched.yaml breast1-batched
