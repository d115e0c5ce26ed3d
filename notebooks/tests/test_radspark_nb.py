"""Tests of notebooks/radspark_nb.py against real Spark sessions and Delta tables (the demo's, a
MiniDFSCluster's), with values checked against independent reads of the same data."""
import json
import os
import pathlib
import re
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

import radspark_nb as rs

NOTEBOOKS = pathlib.Path(__file__).resolve().parent.parent


def test_missing_jar_names_the_build_command(monkeypatch):
    monkeypatch.setenv("RADSPARK_JAR", "/nonexistent/radspark.jar")
    with pytest.raises(rs.RadsparkError) as e:
        rs.jar_path()
    assert "/nonexistent/radspark.jar" in str(e.value) and "mvn -q -B -DskipTests package" in str(e.value)


def test_jvm_options_come_from_the_launchers_file():
    opts = rs.jvm_options()
    assert "-XX:G1HeapRegionSize=32m" in opts
    assert "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED" in opts
    # the same file bin/radspark reads: every option in it reaches the notebook JVM
    listed = [l.split("#")[0].strip() for l in (rs.home() / "conf" / "jvm-options").read_text().splitlines()]
    assert [o for o in listed if o] == opts[:len([o for o in listed if o])]


def test_columnar_transfer_keeps_types_values_and_nulls(spark):
    df = spark.sql("""
        SELECT * FROM VALUES
          (1.5D, CAST(7 AS BIGINT), 3, true, 'a', TIMESTAMP '2024-05-06 07:08:09.123456', DATE '2024-05-06',
           map('k', 1L), array(1.0D, 2.0D), named_struct('x', 1), CAST(2.25 AS DECIMAL(6, 2)), 0.5F),
          (CAST(NULL AS DOUBLE), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
          (double('NaN'), -2L, -3, false, 'a', TIMESTAMP '1969-12-31 23:59:59', DATE '1970-01-01',
           map('q"\\\\', 2L), array(), named_struct('x', 2), CAST(-1 AS DECIMAL(6, 2)), -0.25F)
        AS t(d, l, i, b, s, ts, dt, m, a, st, dec, f)""")
    assert list(df.columns) == ["d", "l", "i", "b", "s", "ts", "dt", "m", "a", "st", "dec", "f"]
    assert df.d[0] == 1.5 and np.isnan(df.d[1]) and np.isnan(df.d[2])
    assert str(df.l.dtype) == "Int64" and df.l[0] == 7 and df.l[1] is pd.NA and df.l[2] == -2
    assert str(df.b.dtype) == "boolean" and bool(df.b[0]) and df.b[1] is pd.NA and not bool(df.b[2])
    assert df.s[0] == "a" and df.s[1] is None and df.s[2] == "a"
    assert df.ts[0] == pd.Timestamp("2024-05-06 07:08:09.123456", tz="UTC") and pd.isna(df.ts[1])
    assert df.ts[2] == pd.Timestamp("1969-12-31 23:59:59", tz="UTC")
    assert df.dt[0] == pd.Timestamp("2024-05-06") and pd.isna(df.dt[1]) and df.dt[2] == pd.Timestamp("1970-01-01")
    assert df.m[0] == {"k": 1} and df.m[1] is None and df.m[2] == {'q"\\': 2}
    assert df.a[0] == [1.0, 2.0] and df.a[2] == []
    assert df.dec[0] == 2.25 and df.dec[2] == -1 and df.f[2] == -0.25
    assert df.st[0] is not None and df.st[1] is None
    empty = spark.sql("SELECT 1.0D AS x, 'a' AS y WHERE false")
    assert list(empty.columns) == ["x", "y"] and len(empty) == 0


def test_a_result_larger_than_max_rows_is_refused(spark):
    with pytest.raises(rs.RadsparkError, match="more than 10 rows"):
        spark.sql("SELECT id FROM range(11)", max_rows=10)
    assert len(spark.sql("SELECT id FROM range(10)", max_rows=10)) == 10


def test_demo_tables_agree_with_the_runs_table_and_each_other(spark, demo):
    assert {"features", "features_wide", "runs", "errors"} <= set(demo.names)
    runs = demo.runs()
    first = runs.iloc[0]
    wide = demo.wide(params_hash=first.params_hash)
    long = demo.long(params_hash=first.params_hash)
    extracted = int(runs.loc[runs.params_hash == first.params_hash, "done"].sum())
    assert len(wide) == extracted == long.groupby(["patient_id", "reader"]).ngroups
    features = [c for c in wide.columns if c not in rs.WIDE_KEY]
    assert len(long) == extracted * len(features)
    # the wide table in pandas holds exactly the long table's values, feature by feature
    pivot = long.pivot_table(index=["patient_id", "reader"], columns="feature", values="value", aggfunc="first")
    got = wide.set_index(["patient_id", "reader"]).loc[pivot.index, pivot.columns]
    assert np.array_equal(got.to_numpy(), pivot.to_numpy(), equal_nan=True)
    # image type and class are cut from pyradiomics' names
    parts = long.feature.str.split("_", n=2, expand=True)
    assert (parts[0] == long.image_type).all() and (parts[1] == long.feature_class).all()


def test_short_hash_prefix_and_sql_time_travel(demo):
    h = demo.runs().params_hash.iloc[0]
    assert demo.params_hash(h[:6]) == h
    versions = demo.versions("features")
    assert versions[0] == 0
    # version 0 is the created, empty table: the parameter set is not in it yet
    with pytest.raises(rs.RadsparkError, match=f"'{h}' is not in .*features at version 0; present: none"):
        demo.long(params_hash=h, version=0)
    assert len(demo.long(params_hash=h, version=versions[-1])) > 0
    n = demo.session.sql(f"SELECT count(*) AS n FROM features VERSION AS OF {versions[-1]} "
                         f"WHERE params_hash = '{h}'").n[0]
    assert n == len(demo.long(params_hash=h))


def test_bad_inputs_are_one_line_errors_naming_what_exists(spark, demo, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    cases = [
        (lambda: spark.open(tmp_path), [str(tmp_path), "notes.txt", "features_wide"]),
        (lambda: spark.open(tmp_path / "absent"), [str(tmp_path / "absent"), "does not exist"]),
        (lambda: spark.open(tmp_path / "notes.txt"), ["notes.txt", "is a file"]),
        (lambda: demo.wide(params_hash="0123456789abcdef"), ["0123456789abcdef", demo.runs().params_hash.iloc[0]]),
        (lambda: demo.wide(params_hash="zz"), ["'zz'", "present:"]),
        (lambda: demo.long(version=999, params_hash=demo.runs().params_hash.iloc[0]),
         ["no version 999", "features", "versions: 0-"]),
        (lambda: demo.name("metrics"), ["no table 'metrics'", "features_wide"]),
        (lambda: spark.sql("SELECT no_such_column FROM features"), ["no_such_column", "SQL:"]),
        (lambda: spark.sql("SELECT * FROM no_such_table"), ["no_such_table"]),
        (lambda: demo.wide(params_hash=demo.runs().params_hash.iloc[0], columns=["nope"]), ["no column nope"]),
    ]
    for call, needles in cases:
        with pytest.raises(rs.RadsparkError) as e:
            call()
        message = str(e.value)
        assert "\n" not in message and "at org." not in message, message
        for n in needles:
            assert n in message, (n, message)
    with pytest.raises(rs.RadsparkError, match="restart the kernel"):
        rs.session(master="spark://127.0.0.1:1")
    with pytest.raises(rs.RadsparkError, match="'bogus' is not a Spark master URL"):
        rs.session(master="bogus")


def test_cohort_diagnostics_match_the_images_and_the_features(spark, demo):
    runs = demo.runs()
    d = spark.cohort_diagnostics(runs.manifest.iloc[0])
    assert len(d) == int(runs.cases.iloc[0]) and d.error.isna().all()
    # brain1's spacing and size from its NRRD header, read here without radspark
    header = (rs.home() / "testdata" / "pyradiomics" / "brain1_image.nrrd").read_bytes().split(b"\n\n")[0].decode()
    sizes = [int(v) for v in re.search(r"sizes: (.*)", header).group(1).split()]
    directions = re.findall(r"\(([^)]*)\)", re.search(r"space directions: (.*)", header).group(1))
    spacing = [np.linalg.norm([float(x) for x in v.split(",")]) for v in directions]
    brain = d[d.patient_id == "NB-001"].iloc[0]
    assert [brain.size_x, brain.size_y, brain.size_z] == sizes
    assert np.allclose([brain.spacing_x, brain.spacing_y, brain.spacing_z], spacing, rtol=1e-12)
    # the ROI's volume and mean intensity equal the extracted shape and first-order features
    wide = demo.wide(params_hash=runs.params_hash.iloc[0]).set_index(["patient_id", "reader"])
    d = d.set_index(["patient_id", "reader"]).loc[wide.index]
    assert np.allclose(d.roi_volume_mm3, wide.original_shape_VoxelVolume, rtol=1e-9)
    assert np.allclose(d.roi_mean, wide.original_firstorder_Mean, rtol=1e-9)
    assert np.allclose(d.roi_max - d.roi_min, wide.original_firstorder_Range, rtol=1e-9)
    # the CT phantom read from NIfTI (r1) and from DICOM + RTSTRUCT (r2): the same voxels
    ct = d.loc["NB-003"]
    assert ct.roi_voxels.nunique() == 1 and ct.roi_voxels.iloc[0] > 100000


def test_tables_on_hdfs_read_the_same_as_local(spark, demo, tmp_path):
    J = rs.J
    conf = J("org.apache.hadoop.conf.Configuration")()
    conf.set("hdfs.minidfs.basedir", str(tmp_path / "dfs"))
    cluster = J("org.apache.hadoop.hdfs.MiniDFSCluster$Builder")(conf).numDataNodes(1).build()
    try:
        cluster.waitActive()
        fs = cluster.getFileSystem()
        root = f"{fs.getUri()}/nb/tables"
        Path = J("org.apache.hadoop.fs.Path")
        fs.copyFromLocalFile(False, True, Path(demo.root), Path(root))
        remote = spark.open(root, prefix="hdfs_")
        assert remote.root.startswith("hdfs://127.0.0.1:") or remote.root.startswith("hdfs://localhost:")
        h = demo.runs().params_hash.iloc[0]
        local_wide, remote_wide = demo.wide(params_hash=h), remote.wide(params_hash=h)
        pd.testing.assert_frame_equal(local_wide, remote_wide)
        assert remote.versions("features") == demo.versions("features")
        with pytest.raises(rs.RadsparkError, match="at version 0; present: none"):
            remote.long(params_hash=h, version=0)
        n = spark.sql(f"SELECT count(*) AS n FROM hdfs_features WHERE params_hash = '{h}'").n[0]
        assert n == len(demo.long(params_hash=h))
        with pytest.raises(rs.RadsparkError, match="does not exist"):
            spark.open(f"{fs.getUri()}/nb/absent")
        # the demo's names point at the local tables again when reopened
        spark.open(demo.root)
    finally:
        cluster.shutdown()


def test_committed_notebooks_have_no_outputs():
    books = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert len(books) >= 4, books
    for book in books:
        nb = json.loads(book.read_text())
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, f"{book.name} has outputs"
