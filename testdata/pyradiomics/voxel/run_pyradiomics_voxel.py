"""Runs pyradiomics' own command line (radiomics.scripts) in voxel mode.

pyradiomics 3.1.1.dev111 fails in voxel mode when no progress reporter is enabled: base.py calls the
progress reporter with total=..., but its fallback _DummyProgressReporter takes `_total`. This driver
replaces that fallback with one accepting `total` (nothing else changes) and then calls the CLI as
`pyradiomics ARGS...` would.
"""
import sys

import radiomics
import radiomics.scripts


class _Reporter:
    def __init__(self, iterable=None, desc="", total=None):
        self.iterable = iterable

    def __iter__(self):
        return self.iterable.__iter__()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass

    def update(self, n=1):
        pass


radiomics._DummyProgressReporter = _Reporter
sys.argv[0] = "pyradiomics"
sys.exit(radiomics.scripts.parse_args())
