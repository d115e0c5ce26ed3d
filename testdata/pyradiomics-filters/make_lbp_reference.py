"""Reference values for radspark's LBP2D and LBP3D image types (udfs org.radspark.filters).

Run with Debian's Python packages (python3-numpy, python3-scipy, python3-skimage):
    /usr/bin/python3 testdata/pyradiomics-filters/make_lbp_reference.py
Writes lbp_reference.csv beside this script, "image,quantity,value" with values as Python repr.

LBP2D is what pyradiomics' imageoperations.getLBP2DImage does: skimage.feature.local_binary_pattern
on every slice across force2Ddimension (numpy axis 0 = z: slices are (y, x) planes; 1: (z, x) planes;
2: (y, z) planes), written back into an array of the input's dtype (brain1 is int16, so the 'var'
method's variances are truncated toward zero and its NaNs become whatever numpy's cast gives; that
method is only checked on a float64 synthetic volume here).

LBP3D follows pyradiomics' getLBP3DImage step by step (pyradiomics itself and trimesh are not installed):
  - the icosphere is trimesh's: the 12 unit icosahedron vertices (+-1, +-t, 0) cyclically permuted,
    t the golden ratio, each subdivision adding the midpoints of the current edges, and every vertex
    then moved along its direction to the requested radius;
  - polar angle theta = arccos(z / radius), azimuth phi = arctan2(y, x), passed to
    scipy.special.sph_harm(m, n, theta, phi) in that order (scipy reads the third argument as the
    azimuth and the fourth as the polar angle), for n = 0 .. levels-1, m = -n .. n;
  - the vertex (x, y, z) is added to the numpy index (z, y, x) of every ROI voxel, i.e. vertex x
    moves along numpy axis 0; the volume is sampled there with scipy.ndimage.map_coordinates
    (order 3, mode 'constant', output of the input's dtype, int16 for brain1);
  - kurtosis: scipy.stats.kurtosis over the vertices (Fisher, biased);
  - the samples are thresholded (>= the centre voxel), c = sum_v f_v Y_nm(v), the level-n image
    f_n(v) = sum_m c_nm Y_nm(v), and the level's value is the real part of the complex square root
    of sum_v f_n(v)**2 (numpy's complex arithmetic, no conjugation).
Quantities per image: mean, variance, min, max, p10, p90 over the ROI (label 1) like reference.csv,
v_i_j_k samples (for LBP3D, ROI voxels), for LBP3D 'roi_digest' = sum over the ROI voxels in flat order (x
fastest) of value * (rank % 9973 + 1), and for whole-volume LBP2D images 'hist_<code>' (voxel count per code over the
whole volume) and 'digest' = sum over voxels p (flat index, x fastest) of value * (p % 9973 + 1).
"""
import gzip
import os
import sys

import numpy as np
import scipy
import scipy.ndimage as ndi
import scipy.special
import scipy.stats
import skimage
from skimage.feature import local_binary_pattern

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'pyradiomics')


def read_nrrd(path):
    """Returns the array indexed [k, j, i] of a gzip-encoded 3D NRRD, in its file type."""
    with open(path, 'rb') as f:
        raw = f.read()
    end = raw.index(b'\n\n')
    fields = {}
    for line in raw[:end].decode('ascii').splitlines()[1:]:
        if line.startswith('#') or ':' not in line:
            continue
        key, value = line.split(':', 1)
        fields[key.strip()] = value.strip().lstrip('=').strip()
    dtype = {'short': '<i2', 'int': '<i4'}[fields['type']]
    sizes = [int(s) for s in fields['sizes'].split()]
    return np.frombuffer(gzip.decompress(raw[end + 2:]), dtype=dtype).reshape(sizes[::-1]).copy()


def lbp2d(volume, radius, samples, method, axis):
    arr = volume.copy().swapaxes(0, axis)
    for idx in range(arr.shape[0]):
        arr[idx, ...] = local_binary_pattern(arr[idx, ...], P=samples, R=radius, method=method)
    return arr.swapaxes(0, axis)


def icosphere_vertices(subdivisions, radius):
    t = (1.0 + 5.0 ** 0.5) / 2.0
    base = []
    for a in (-1.0, 1.0):
        for b in (-t, t):
            base += [(a, b, 0.0), (0.0, a, b), (b, 0.0, a)]
    verts = [np.array(v) / np.sqrt(1.0 + t * t) for v in base]
    # edges of the icosahedron: vertex pairs at the minimal distance
    edges = {(i, j) for i in range(12) for j in range(i + 1, 12)
             if abs(np.linalg.norm(verts[i] - verts[j]) - 2 / np.sqrt(1 + t * t)) < 1e-9}
    faces = [(i, j, k) for (i, j) in edges for k in range(j + 1, 12) if (i, k) in edges and (j, k) in edges]
    assert len(edges) == 30 and len(faces) == 20

    def to_radius(vs):
        out = []
        for v in vs:
            norm = np.sqrt(np.dot(v ** 2, [1, 1, 1]))
            out.append(v + v / norm * (radius - norm))
        return out

    for _ in range(subdivisions):
        mids = {}
        new_faces = []
        for f in faces:
            m = []
            for a, b in ((f[0], f[1]), (f[1], f[2]), (f[2], f[0])):
                key = (min(a, b), max(a, b))
                if key not in mids:
                    mids[key] = len(verts)
                    verts.append((verts[a] + verts[b]) / 2.0)
                m.append(mids[key])
            new_faces += [(f[0], m[0], m[2]), (f[1], m[1], m[0]), (f[2], m[2], m[1]), (m[0], m[1], m[2])]
        faces = new_faces
        verts = to_radius(verts)
    if subdivisions <= 0:
        verts = to_radius(verts)
    return np.array(verts)


def lbp3d(im_arr, ma_arr, label, levels, ico_radius, ico_subdivision):
    ico = icosphere_vertices(ico_subdivision, ico_radius)  # (Nv, 3)
    theta = np.arccos(np.true_divide(ico[:, 2], ico_radius))
    phi = np.arctan2(ico[:, 1], ico[:, 0])
    cols, level_of = [], []
    for n in range(levels):
        for m in range(-n, n + 1):
            cols.append(scipy.special.sph_harm(m, n, theta, phi))
            level_of.append(n)
    Y = np.column_stack(cols)  # (Nv, x)
    level_of = np.array(level_of)
    roi = np.where(ma_arr == label)
    pts = np.array(roi).T[None, :, :] + ico[:, None, :]  # (Nv, Np, 3)
    f = ndi.map_coordinates(im_arr, pts.T, order=3)  # (Np, Nv), dtype of im_arr
    k = scipy.stats.kurtosis(f, axis=1)
    centre = im_arr[roi]
    bits = np.greater_equal(f, centre[:, None]).astype(int)
    c = (bits[:, :, None] * Y[None, :, :]).sum(axis=1)  # (Np, x)
    per_level = []
    for n in range(levels):
        sel = level_of == n
        fn = np.sum(c[:, None, sel] * Y[None, :, sel], axis=2)  # (Np, Nv)
        per_level.append(np.real(np.sqrt(np.sum(fn ** 2, axis=1))))
    images = {}
    for n in range(levels):
        out = np.zeros(im_arr.shape)
        out[roi] = per_level[n]
        images['lbp-3D-m%d' % (n + 1)] = out
    out = np.zeros(im_arr.shape)
    out[roi] = np.real(k)
    images['lbp-3D-k'] = out
    return images


def describe(rows, image, arr, roi, samples, whole=False):
    v = arr[roi].astype(np.float64)
    stats = [('mean', np.mean(v)), ('variance', np.var(v)), ('min', np.min(v)), ('max', np.max(v)),
             ('p10', np.percentile(v, 10)), ('p90', np.percentile(v, 90))]
    for q, x in stats:
        rows.append((image, q, float(x)))
    for (i, j, k) in samples:
        rows.append((image, 'v_%d_%d_%d' % (i, j, k), float(arr[k, j, i])))
    if not whole:
        # every ROI voxel enters, in flat order (x fastest), weighted by its rank
        flat = arr[roi].astype(np.float64)
        weights = (np.arange(flat.size) % 9973 + 1).astype(np.float64)
        rows.append((image, 'roi_digest', float(np.sum(flat * weights))))
    if whole:
        flat = arr.ravel().astype(np.float64)
        codes, counts = np.unique(flat, return_counts=True)
        for code, count in zip(codes, counts):
            rows.append((image, 'hist_%r' % float(code), float(count)))
        weights = (np.arange(flat.size) % 9973 + 1).astype(np.float64)
        rows.append((image, 'digest', float(np.sum(flat * weights))))


def synthetic(shape):
    """Small float64 volume with ties; the same formula is in LBP2DImageTest.synthetic."""
    k, j, i = np.meshgrid(*[np.arange(s) for s in shape], indexing='ij')
    return ((i * 7 + j * 3 + k * 5) % 6) * 1.5 + np.where((i + 2 * j) % 5 == 0, 0.25, 0.0) - 2.0


def main():
    image = read_nrrd(os.path.join(DATA, 'brain1_image.nrrd'))
    label = read_nrrd(os.path.join(DATA, 'brain1_label.nrrd'))
    roi = label == 1
    ks, js, is_ = np.nonzero(roi)
    lo, hi = (is_.min(), js.min(), ks.min()), (is_.max(), js.max(), ks.max())
    mid = ((lo[0] + hi[0]) // 2, (lo[1] + hi[1]) // 2, (lo[2] + hi[2]) // 2)
    samples = [(0, 0, 0), (255, 255, 24), (255, 0, 24), lo, hi, mid, (170, 100, 12), (200, 140, 16)]
    n_roi = len(ks)
    roi_samples = [(is_[r], js[r], ks[r]) for r in (0, n_roi // 5, 2 * n_roi // 5, n_roi // 2, 4 * n_roi // 5, n_roi - 1)]
    rows = []
    for (radius, p, method, axis) in [(1, 8, 'uniform', 0), (1, 8, 'uniform', 1), (1, 8, 'uniform', 2),
                                      (1, 8, 'default', 0), (1, 8, 'ror', 0), (2, 16, 'uniform', 0),
                                      (1.5, 8, 'uniform', 0), (1, 8, 'nri_uniform', 0)]:
        name = 'lbp-2D-R%s-P%d-%s-axis%d' % (radius, p, method, axis)
        describe(rows, name, lbp2d(image, radius, p, method, axis), roi, samples, whole=True)

    vol = synthetic((5, 8, 9))
    for (radius, p, method, axis) in [(1, 8, 'uniform', 0), (1, 8, 'default', 0), (1, 8, 'ror', 0),
                                      (1, 8, 'var', 0), (1, 8, 'nri_uniform', 0), (1.7, 6, 'uniform', 0),
                                      (1.7, 6, 'var', 2), (1, 8, 'uniform', 1)]:
        out = lbp2d(vol, radius, p, method, axis)
        name = 'synthetic-lbp-2D-R%s-P%d-%s-axis%d' % (radius, p, method, axis)
        for (k, j, i), x in np.ndenumerate(out):
            rows.append((name, 'v_%d_%d_%d' % (i, j, k), float(x)))

    for (levels, radius, subdivision) in [(2, 1, 1), (3, 1.5, 0), (2, 1, 2)]:
        for key, arr in lbp3d(image, label, 1, levels, radius, subdivision).items():
            name = '%s-L%d-R%s-S%d' % (key, levels, radius, subdivision)
            describe(rows, name, arr, roi, roi_samples)

    with open(os.path.join(HERE, 'lbp_reference.csv'), 'w') as f:
        f.write('# made by make_lbp_reference.py with Python %s, numpy %s, scipy %s, scikit-image %s\n'
                % (sys.version.split()[0], np.__version__, scipy.__version__, skimage.__version__))
        f.write('image,quantity,value\n')
        for image_name, q, x in rows:
            f.write('%s,%s,%r\n' % (image_name, q, x))


if __name__ == '__main__':
    main()
