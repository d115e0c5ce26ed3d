#!/usr/bin/python3
"""Exports the Wisconsin diagnostic breast cancer data shipped with scikit-learn and writes the
Python-side parity fixtures for radspark-ml (scipy tests, scikit-learn SVC decision values).

Run once from this folder:  python3 make_reference.py && Rscript make_reference.R
The Java tests only read the files written here; they never run Python or R.
"""
import json
import platform

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.datasets import load_breast_cancer
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

SEED = 20240501
data = load_breast_cancer()
names = [n.replace(" ", "_") for n in data.feature_names]
X = data.data
# scikit-learn codes 0 = malignant, 1 = benign; radspark models the event "malignant"
y = (data.target == 0).astype(int)
n = X.shape[0]

# fixed, seeded 10-fold assignment shared by Java and R (cv.glmnet foldid)
rng = np.random.RandomState(SEED)
fold = np.empty(n, dtype=int)
fold[rng.permutation(n)] = np.arange(n) % 10 + 1

with open("wdbc.csv", "w") as f:
    f.write(",".join(["id"] + names + ["malignant", "fold"]) + "\n")
    for i in range(n):
        f.write(",".join([str(i)] + [repr(float(v)) for v in X[i]] + [str(y[i]), str(fold[i])]) + "\n")

# two-reader repeatability set: first 40 cases, 6 features; reader 2 = reader 1 + seeded noise
# (noise sd differs per feature so the ICCs span a range) and a systematic offset on two features
icc_feats = ["mean_radius", "mean_texture", "mean_smoothness", "mean_concavity", "worst_area", "worst_symmetry"]
noise = [0.05, 0.3, 0.6, 0.15, 0.02, 1.0]
offset = [0.0, 0.5, 0.0, 0.3, 0.0, 0.0]
sub = X[:40, [names.index(c) for c in icc_feats]]
sd = sub.std(axis=0, ddof=1)
rng2 = np.random.RandomState(SEED + 1)
r2 = sub + rng2.normal(size=sub.shape) * (np.array(noise) * sd) + np.array(offset) * sd
with open("icc_readers.csv", "w") as f:
    f.write(",".join(["patient_id", "reader"] + icc_feats) + "\n")
    for i in range(sub.shape[0]):
        for reader, block in ((1, sub), (2, r2)):
            f.write(",".join([f"P{i:03d}", str(reader)] + [repr(float(v)) for v in block[i]]) + "\n")

# univariate tests, malignant vs benign, every feature
with open("univariate_reference.csv", "w") as f:
    f.write("feature,student_p,welch_p,mannwhitney_u,mannwhitney_p\n")
    for j, name in enumerate(names):
        a, b = X[y == 1, j], X[y == 0, j]
        ps = stats.ttest_ind(a, b, equal_var=True).pvalue
        pw = stats.ttest_ind(a, b, equal_var=False).pvalue
        mw = stats.mannwhitneyu(a, b)
        f.write(f"{name},{ps!r},{pw!r},{float(mw.statistic)!r},{float(mw.pvalue)!r}\n")

# small samples without ties: scipy's default switches to the exact distribution
small_a = X[y == 1, names.index("mean_radius")][:6]
small_b = X[y == 0, names.index("mean_radius")][:7]
mw_small = stats.mannwhitneyu(small_a, small_b)
# small samples with a tie: asymptotic with tie and continuity correction
tie_a = np.array([1.0, 2.0, 3.0, 3.0, 5.0])
tie_b = np.array([3.0, 4.0, 6.0, 7.0, 8.0, 9.0])
mw_tie = stats.mannwhitneyu(tie_a, tie_b)

# RBF SVC on standardised features, C=100, gamma=0.01, trained and evaluated on all cases
Xs = StandardScaler().fit_transform(X)
svc = SVC(C=100.0, gamma=0.01, kernel="rbf").fit(Xs, y)
dec = svc.decision_function(Xs)
with open("svc_reference.csv", "w") as f:
    f.write("id,decision\n")
    for i in range(n):
        f.write(f"{i},{float(dec[i])!r}\n")

with open("python_reference.json", "w") as f:
    json.dump({
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "scipy": scipy.__version__, "scikit-learn": sklearn.__version__},
        "seed": SEED,
        "mannwhitney_small_exact": {"x": small_a.tolist(), "y": small_b.tolist(),
                                    "u": float(mw_small.statistic), "p": float(mw_small.pvalue)},
        "mannwhitney_small_ties": {"x": tie_a.tolist(), "y": tie_b.tolist(),
                                   "u": float(mw_tie.statistic), "p": float(mw_tie.pvalue)},
        "svc": {"C": 100.0, "gamma": 0.01, "kernel": "rbf", "n_support": svc.n_support_.tolist(),
                "intercept": float(svc.intercept_[0])},
    }, f, indent=2)
