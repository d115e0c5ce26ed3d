"""Independent reference values for radspark's pyradiomics image types (udfs org.radspark.filters).

Run with Debian's Python packages (python3-numpy, python3-scipy, python3-pywt):
    /usr/bin/python3 testdata/pyradiomics-filters/make_reference.py
Writes reference.csv beside this script: one line per value, "image,quantity,value", values as Python
repr (exact doubles). Quantities:
  - mean, variance, min, max, p10, p90: numpy statistics of the filtered voxels where brain1_label == 1
    (numpy.var is the population variance, numpy.percentile uses linear interpolation; these equal
    pyradiomics' firstorder Mean, Variance, Minimum, Maximum, 10Percentile, 90Percentile);
  - v_i_j_k: the filtered value of voxel (i, j, k) (i = x, fastest in the file).
  - for the synthetic LoG check (image "synthetic-log-*"): sigma^2 times the sum over axes of
    scipy.ndimage.gaussian_filter second derivatives divided by spacing^2 (gaussian_laplace in mm).
The filtered images are computed the way pyradiomics' imageoperations computes them, with numpy/pywt
directly (pyradiomics and SimpleITK are not installed here):
  - square, squareroot, logarithm, exponential: the documented formulas in float64;
  - gradient: central differences with edge replication divided by 2*spacing, magnitude, rounded to
    float32 (SimpleITK returns float32);
  - wavelet: pywt.swtn(level=1, start_level=0, axes=(2, 1, 0)) on the volume wrap-padded to even
    sizes, bands named by replacing a->L, d->H in pywt's keys, cropped back.
"""
import gzip
import os
import sys

import numpy as np
import pywt
import scipy
import scipy.ndimage as ndi

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'pyradiomics')


def read_nrrd(path):
    """Returns (array indexed [k, j, i], spacing (x, y, z)) of a gzip-encoded 3D NRRD."""
    with open(path, 'rb') as f:
        raw = f.read()
    end = raw.index(b'\n\n')
    fields = {}
    for line in raw[:end].decode('ascii').splitlines()[1:]:
        if line.startswith('#') or ':' not in line:
            continue
        key, value = line.split(':', 1)
        fields[key.strip()] = value.strip().lstrip('=').strip()
    assert fields['encoding'] == 'gzip' and fields['dimension'] == '3'
    dtype = {'short': '<i2', 'int': '<i4'}[fields['type']]
    sizes = [int(s) for s in fields['sizes'].split()]
    dirs = [[float(c) for c in d.strip('()').split(',')] for d in fields['space directions'].split()]
    spacing = [float(np.sqrt(np.sum(np.square(d)))) for d in dirs]
    data = np.frombuffer(gzip.decompress(raw[end + 2:]), dtype=dtype)
    return data.reshape(sizes[::-1]), spacing


def square(im):
    im = im.astype('float64')
    coeff = 1 / np.sqrt(np.max(np.abs(im)))
    return (coeff * im) ** 2


def squareroot(im):
    im = im.astype('float64')
    coeff = np.max(np.abs(im))
    out = im.copy()
    out[im > 0] = np.sqrt(im[im > 0] * coeff)
    out[im < 0] = -np.sqrt(-im[im < 0] * coeff)
    return out


def logarithm(im):
    im = im.astype('float64')
    im_max = np.max(np.abs(im))
    out = im.copy()
    out[im > 0] = np.log(im[im > 0] + 1)
    out[im < 0] = -np.log(-(im[im < 0] - 1))
    return out * (im_max / np.max(np.abs(out)))


def exponential(im):
    im = im.astype('float64')
    im_max = np.max(np.abs(im))
    return np.exp(np.log(im_max) / im_max * im)


def gradient(im, spacing):
    im = np.pad(im.astype('float64'), 1, mode='edge')
    total = np.zeros([s - 2 for s in im.shape])
    for axis in range(3):  # numpy axis 0 = z
        h = spacing[2 - axis]
        d = np.gradient(im, h, axis=axis)[1:-1, 1:-1, 1:-1]
        total += d * d
    return np.sqrt(total).astype(np.float32).astype(np.float64)


def wavelet(im, name):
    shape = im.shape
    data = np.pad(im, [(0, 1 if n % 2 else 0) for n in shape], 'wrap')
    dec = pywt.swtn(data, pywt.Wavelet(name), level=1, start_level=0, axes=(2, 1, 0))[0]
    crop = tuple(slice(None, -1 if n % 2 else None) for n in shape)
    out = {}
    for key, band in dec.items():
        if key != 'aaa':
            out[key.replace('a', 'L').replace('d', 'H')] = band[crop]
    out['LLL'] = dec['aaa'][crop]
    return out


def describe(rows, image, arr, roi, samples):
    v = arr[roi]
    stats = [('mean', np.mean(v)), ('variance', np.var(v)), ('min', np.min(v)), ('max', np.max(v)),
             ('p10', np.percentile(v, 10)), ('p90', np.percentile(v, 90))]
    for q, x in stats:
        rows.append((image, q, float(x)))
    for (i, j, k) in samples:
        rows.append((image, 'v_%d_%d_%d' % (i, j, k), float(arr[k, j, i])))


def synthetic(n, spacing):
    """Sum of two broad Gaussian blobs; the same formula is in LoGImageTest.synthetic."""
    k, j, i = np.meshgrid(*[np.arange(s, dtype=np.float64) for s in n[::-1]], indexing='ij')
    x, y, z = i * spacing[0], j * spacing[1], k * spacing[2]
    a = 100 * np.exp(-((x - 20) ** 2 + (y - 22) ** 2 + (z - 24) ** 2) / (2 * 6.0 ** 2))
    b = -60 * np.exp(-((x - 28) ** 2 + (y - 18) ** 2 + (z - 20) ** 2) / (2 * 4.0 ** 2))
    return a + b


def main():
    image, spacing = read_nrrd(os.path.join(DATA, 'brain1_image.nrrd'))
    label, _ = read_nrrd(os.path.join(DATA, 'brain1_label.nrrd'))
    roi = label == 1
    ks, js, is_ = np.nonzero(roi)
    lo, hi = (is_.min(), js.min(), ks.min()), (is_.max(), js.max(), ks.max())
    samples = [(0, 0, 0), (255, 255, 24), (255, 0, 24), lo, hi, ((lo[0] + hi[0]) // 2, (lo[1] + hi[1]) // 2,
                                                                    (lo[2] + hi[2]) // 2)]
    rows = []
    describe(rows, 'original', image.astype('float64'), roi, samples)
    describe(rows, 'square', square(image), roi, samples)
    describe(rows, 'squareroot', squareroot(image), roi, samples)
    describe(rows, 'logarithm', logarithm(image), roi, samples)
    describe(rows, 'exponential', exponential(image), roi, samples)
    describe(rows, 'gradient', gradient(image, spacing), roi, samples)
    for key, band in wavelet(image, 'coif1').items():
        describe(rows, 'wavelet-' + key, band, roi, samples)
    dmey = wavelet(image, 'dmey')
    for key in ('HHL', 'LLL'):
        describe(rows, 'dmey-wavelet-' + key, dmey[key], roi, samples)

    # LoG: scipy's sampled Gaussian second derivatives (the per-axis terms of gaussian_laplace, each
    # divided by spacing^2 for physical units), edge replication, normalised by sigma^2, on a smooth
    # synthetic volume
    n, sp = (48, 44, 40), (1.0, 1.25, 1.5)
    vol = synthetic(n, sp)
    for sigma in (1.0, 3.0):
        sig = [sigma / s for s in sp[::-1]]  # numpy axes z, y, x
        log = np.zeros_like(vol)
        for axis in range(3):
            order = [0, 0, 0]
            order[axis] = 2
            log += ndi.gaussian_filter(vol, sig, order=order, mode='nearest', truncate=8.0) / sp[2 - axis] ** 2
        log *= sigma ** 2
        for (i, j, k) in [(20, 18, 16), (16, 16, 16), (22, 14, 13), (28, 14, 13), (24, 16, 14), (12, 22, 20)]:
            rows.append(('synthetic-log-%s' % sigma, 'v_%d_%d_%d' % (i, j, k), float(log[k, j, i])))

    with open(os.path.join(HERE, 'reference.csv'), 'w') as f:
        f.write('# made by make_reference.py with Python %s, numpy %s, scipy %s, PyWavelets %s\n'
                % (sys.version.split()[0], np.__version__, scipy.__version__, pywt.__version__))
        f.write('image,quantity,value\n')
        for image_name, q, x in rows:
            f.write('%s,%s,%r\n' % (image_name, q, x))


if __name__ == '__main__':
    main()
