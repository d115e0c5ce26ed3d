"""radspark's feature tables in Jupyter: a Python kernel drives the radspark jar through JPype.

PySpark and pyarrow are not used (not installable here): the kernel starts one JVM with
``jobs/target/radspark.jar`` on its class path, opens a Spark session configured like the
``radspark`` command line (Delta Lake, ``conf/jvm-options``, ``conf/spark-defaults.conf``,
``local[*]`` unless a master is given), and moves query results into pandas column by column
(one block copy per column through :class:`org.radspark.notebook.ColumnarFrame`).

    import radspark_nb as rs
    spark = rs.session()                       # or rs.session(master="spark://host:7077")
    t = spark.open("hdfs://nn:8020/nb/features")  # registers features, features_wide, runs, errors
    t.runs()                                   # pandas DataFrame
    spark.sql("SELECT center, count(*) FROM features_wide GROUP BY center")
    t.wide(params_hash="f13b749c", version=3)  # one parameter set, as the table was at version 3

Problems with the input (a folder without radspark tables, an unknown params_hash or version, a SQL
error) raise :class:`RadsparkError` with one line naming the input and what exists instead.
"""
import contextlib
import json
import os
import pathlib
import re
import subprocess
import tempfile

import numpy as np
import pandas as pd

__all__ = ["RadsparkError", "session", "home", "jar_path", "demo_tables", "J", "columns", "Session", "Tables"]

#: Tables a radspark folder may hold: a feature store's four and a study output's metrics.
KNOWN_TABLES = ("features", "features_wide", "runs", "errors", "metrics")
#: Columns of a wide row before its features.
WIDE_KEY = ("patient_id", "reader", "modality", "timepoint", "center", "params_hash")
#: Loggers kept at ERROR in a notebook: their warnings are for operators' logs, not for readers.
QUIET_LOGGERS = ("org.apache.spark", "org.apache.hadoop", "io.delta", "org.sparkproject", "breeze",
                 "org.apache.parquet", "com.github.fommil", "dev.ludovic.netlib")

_session = None


class RadsparkError(Exception):
    """A problem with the notebook's input, in one line; the Java trace is in ``java_trace``."""

    def __init__(self, message, java_trace=None):
        super().__init__(message)
        self.java_trace = java_trace


def home():
    """The radspark checkout: $RADSPARK_HOME, else the parent of this file's folder."""
    return pathlib.Path(os.environ.get("RADSPARK_HOME") or pathlib.Path(__file__).resolve().parent.parent)


def jar_path():
    """The shaded jar ($RADSPARK_JAR, else jobs/target/radspark.jar); a clear error when it is missing."""
    jar = pathlib.Path(os.environ.get("RADSPARK_JAR") or home() / "jobs" / "target" / "radspark.jar")
    if not jar.is_file():
        raise RadsparkError(f"radspark jar not found at {jar}: build it once with "
                            f"'cd {home()} && mvn -q -B -DskipTests package' (or run 'bin/radspark demo', "
                            "which builds it first)")
    return jar


def jvm_options():
    """The JVM options of conf/jvm-options, as bin/radspark passes them, plus the notebook's JIT choice.

    $RADSPARK_NB_JIT=full keeps both JIT compilers; the default ``c1`` (-XX:TieredStopAtLevel=1)
    roughly halves session start plus first query, at the price of slower long computations.
    """
    opts = []
    for line in (home() / "conf" / "jvm-options").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            opts.append(line)
    if os.environ.get("RADSPARK_NB_JIT", "c1") == "c1":
        opts.append("-XX:TieredStopAtLevel=1")
    opts.append(f"-Dradspark.home={home()}")
    # the logging configuration of conf/, as bin/radspark reads it
    opts.append(f"-Dlog4j2.configurationFile={home() / 'conf' / 'log4j2.properties'}")
    opts.extend(os.environ.get("RADSPARK_JAVA_OPTS", "").split())
    return opts


def start_jvm(extra_classpath=()):
    """Starts the JVM once per Python process (JPype cannot start a second); later calls reuse it.

    ``extra_classpath`` (and $RADSPARK_NB_CLASSPATH, os.pathsep-separated) adds jars, e.g. a Hadoop
    client for another file system; it only counts before the JVM starts.
    """
    import jpype
    if jpype.isJVMStarted():
        return
    classpath = [str(jar_path())]
    # Debian's JPype 1.4.1 needs its support jar on the class path as well, or the start fails
    support = pathlib.Path("/usr/share/java/org.jpype.jar")
    if support.is_file():
        classpath.append(str(support))
    classpath.extend(str(p) for p in extra_classpath)
    classpath.extend(p for p in os.environ.get("RADSPARK_NB_CLASSPATH", "").split(os.pathsep) if p)
    # Hadoop's client configuration, as bin/radspark and spark-submit find it
    classpath.extend(d for d in (os.environ.get("HADOOP_CONF_DIR"), os.environ.get("YARN_CONF_DIR")) if d)
    jpype.startJVM(*jvm_options(), classpath=classpath, convertStrings=False)


def _one_line(text):
    text = str(text or "").strip()
    return text.splitlines()[0] if text else ""


@contextlib.contextmanager
def java_errors(what=None):
    """Turns a Java exception into a one-line RadsparkError (the Java trace kept in ``java_trace``)."""
    import jpype
    try:
        yield
    except jpype.JException as e:
        cause = e
        # Spark wraps the informative exception (e.g. an AnalysisException) in execution errors
        while cause.getCause() is not None and _one_line(cause.getMessage()) == "":
            cause = cause.getCause()
        message = _one_line(cause.getMessage()) or str(cause.getClass().getSimpleName())
        raise RadsparkError((what + ": " if what else "") + message, str(e.stacktrace())) from None


def session(master=None, conf=None, app_name="radspark notebook"):
    """The kernel's Spark session, started on first use and reused afterwards.

    ``master``: ``local[*]`` by default, or any Spark master URL (``spark://host:7077``). ``conf``: extra
    Spark settings. Local sessions bind to 127.0.0.1, and Spark's warehouse folder goes to a temporary
    folder, so nothing appears beside the notebook.
    """
    global _session
    if master is not None and not re.match(r"^(local(\[(\*|\d+)(,\d+)?\])?|spark://.+|yarn|k8s://.+)$", master):
        raise RadsparkError(f"master '{master}' is not a Spark master URL (local[*], local[N], "
                            "spark://HOST:PORT, yarn, k8s://...)")
    if _session is not None and not _session.stopped:
        if master is not None and master != _session.master:
            raise RadsparkError(f"this kernel already runs a Spark session with master {_session.master}; "
                                f"restart the kernel to use {master}")
        return _session
    local = master is None or master.startswith("local")
    if local:
        # Spark reads this variable at start-up; it silences the loopback-address warning too
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    start_jvm()
    import jpype
    System = jpype.JClass("java.lang.System")
    settings = _spark_defaults()
    settings.update({
        "spark.sql.warehouse.dir": tempfile.mkdtemp(prefix="radspark-nb-warehouse-"),
        # small Delta logs replay faster in fewer tasks (the CLI's default is 4)
        "spark.databricks.delta.snapshotPartitions": "1",
        "spark.sql.shuffle.partitions": "4",
    })
    if local:
        settings.update({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"})
    else:
        settings["spark.jars"] = str(jar_path())
    settings.update({k: str(v) for k, v in (conf or {}).items()})
    for k, v in settings.items():
        System.setProperty(k, v)
    _quiet_logs()
    with java_errors(f"cannot start Spark with master {master or 'local[*]'}"):
        jspark = jpype.JClass("org.radspark.jobs.SparkSessions").create(app_name, master)
    _quiet_logs()
    _session = Session(jspark, master or "local[*]")
    return _session


def _spark_defaults():
    """conf/spark-defaults.conf as a dict (the settings spark-submit users pass with --properties-file)."""
    out = {}
    path = home() / "conf" / "spark-defaults.conf"
    if path.is_file():
        for line in path.read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                key, _, value = line.partition(" ")
                out[key] = value.strip()
    return out


def _quiet_logs():
    import jpype
    Configurator = jpype.JClass("org.apache.logging.log4j.core.config.Configurator")
    Level = jpype.JClass("org.apache.logging.log4j.Level")
    for name in QUIET_LOGGERS:
        Configurator.setLevel(name, Level.ERROR)


def demo_tables(rebuild=False):
    """The tables that ``bin/radspark demo`` writes (radspark-demo/tables in the checkout).

    When they are missing (or ``rebuild``), runs ``bin/radspark demo`` first: the bundled cases through
    the cohort job, then the synthetic demo study (about a minute).
    """
    root = home() / "radspark-demo" / "tables"
    ready = (root / "features_wide" / "_delta_log").is_dir() and (
        home() / "radspark-demo" / "study" / "output" / "metrics" / "_delta_log").is_dir()
    if rebuild or not ready:
        print("[radspark] running 'bin/radspark demo' to write the demo tables (about a minute)...", flush=True)
        args = [str(home() / "bin" / "radspark"), "demo"] + (["--recompute"] if rebuild else [])
        done = subprocess.run(args, cwd=home(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode != 0:
            tail = "\n".join(done.stdout.strip().splitlines()[-5:])
            raise RadsparkError(f"'bin/radspark demo' failed with exit code {done.returncode}: {tail}")
    return str(root)


def J(name):
    """A Java class by its full name (the JVM is started first), e.g. ``J("org.radspark.ml.IccFilter")``."""
    start_jvm()
    import jpype
    return jpype.JClass(name)


def columns(*exprs):
    """A Java Column[] from column names and Column objects, for Dataset.select from Python."""
    import jpype
    start_jvm()
    F = jpype.JClass("org.apache.spark.sql.functions")
    Column = jpype.JClass("org.apache.spark.sql.Column")
    return jpype.JArray(Column)([F.col(e) if isinstance(e, str) else e for e in exprs])


class Session:
    """A Spark session of the kernel with pandas results. ``jspark`` is the Java SparkSession."""

    def __init__(self, jspark, master):
        self.jspark = jspark
        self.master = master
        self.stopped = False

    # ------------------------------------------------------------------ queries

    def dataset(self, query):
        """The Java Dataset of a SQL query (for the project's ml stages); errors as RadsparkError."""
        with java_errors("SQL"):
            return self.jspark.sql(query)

    def sql(self, query, max_rows=1_000_000):
        """Runs SQL and returns a pandas DataFrame."""
        return self.to_pandas(self.dataset(query), max_rows)

    def table(self, name, version=None):
        """The Java Dataset of a registered table (optionally at a Delta version)."""
        query = f"SELECT * FROM `{name}`" + ("" if version is None else f" VERSION AS OF {int(version)}")
        return self.dataset(query)

    def read_csv(self, path):
        """A CSV file with a header as a Java Dataset (column types inferred), as ``study run`` reads a
        clinical table."""
        location = self.qualify(path)
        with java_errors(f"cannot read {location}"):
            return self.jspark.read().option("header", "true").option("inferSchema", "true").csv(location)

    def to_pandas(self, dataset, max_rows=1_000_000):
        """A Java Dataset in pandas, one block copy per column (see ColumnarFrame)."""
        import jpype
        with java_errors():
            frame = jpype.JClass("org.radspark.notebook.ColumnarFrame").collect(dataset, max_rows)
        return frame_to_pandas(frame)

    # ------------------------------------------------------------------ tables

    def open(self, root, prefix=""):
        """Registers every Delta table directly under ``root`` (features, features_wide, runs, errors,
        a study's metrics, ...) as a catalog table named ``prefix + folder name`` and returns a
        :class:`Tables`. ``root``: a local path (relative to the notebook) or any Hadoop URI
        (``hdfs://nn:8020/...``). A name registered before for another folder is pointed at this one.
        """
        location = self.qualify(root)
        found = self._delta_tables(location)
        if not found:
            raise RadsparkError(f"no radspark tables under {location}: {self._describe_folder(location)}")
        names = {}
        for folder in found:
            name = prefix + folder
            if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
                continue
            with java_errors(f"cannot register {location}/{folder}"):
                self.jspark.sql(f"DROP TABLE IF EXISTS `{name}`")
                self.jspark.sql(f"CREATE TABLE `{name}` USING delta LOCATION '{location}/{folder}'")
            names[folder] = name
        return Tables(self, location, names)

    def qualify(self, path):
        """``path`` as a fully qualified URI, resolved as ``spark.read`` resolves it: an explicit scheme
        (``file:``, ``hdfs:``, ...) wins; a scheme-less path is on Hadoop's default file system (the local
        one unless HADOOP_CONF_DIR says otherwise), a relative one below its working directory (locally:
        the folder the kernel started in, i.e. the notebook's)."""
        import jpype
        text = str(path)
        conf = self.jspark.sparkContext().hadoopConfiguration()
        with java_errors(f"cannot resolve {text}"):
            # the command line's rule, in one place (org.radspark.jobs.Locations)
            return str(jpype.JClass("org.radspark.jobs.Locations").data(text, conf))

    def _fs(self, location):
        import jpype
        p = jpype.JClass("org.apache.hadoop.fs.Path")(location)
        return p, p.getFileSystem(self.jspark.sparkContext().hadoopConfiguration())

    def _delta_tables(self, location):
        import jpype
        with java_errors(f"cannot list {location}"):
            root, fs = self._fs(location)
            if not fs.exists(root):
                raise RadsparkError(f"{location} does not exist")
            if not fs.getFileStatus(root).isDirectory():
                raise RadsparkError(f"{location} is a file, not a folder of radspark tables")
            Path = jpype.JClass("org.apache.hadoop.fs.Path")
            out = []
            for status in fs.listStatus(root):
                if status.isDirectory() and fs.exists(Path(status.getPath(), "_delta_log")):
                    out.append(str(status.getPath().getName()))
            if fs.exists(Path(root, "_delta_log")):
                out.append(str(root.getName()))
        known = [t for t in KNOWN_TABLES if t in out]
        return known + sorted(t for t in out if t not in known)

    def _describe_folder(self, location):
        root, fs = self._fs(location)
        names = sorted(str(s.getPath().getName()) for s in fs.listStatus(root))
        shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
        return (f"it holds {shown}" if names else "it is empty") + \
            " (expected Delta tables such as features, features_wide, runs, errors as 'radspark cohort " \
            "extract --table' writes them)"

    # ------------------------------------------------------------------ jobs

    def extract_cohort(self, manifest, param_file, table, recompute=False):
        """Runs the cohort job, as ``radspark cohort extract`` does, in this session; prints its report
        and returns its summary as a dict."""
        import jpype
        Job = jpype.JClass("org.radspark.jobs.CohortExtractJob")
        buffer = jpype.JClass("java.io.ByteArrayOutputStream")()
        out = jpype.JClass("java.io.PrintStream")(buffer, True, "UTF-8")
        # the parameter file is configuration read by this process (a local path unless it names a
        # scheme); the manifest and the tables are data locations, resolved as spark.read resolves them
        param = str(param_file) if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", str(param_file)) \
            else str(pathlib.Path(param_file).resolve())
        with java_errors("cohort extract"):
            s = Job(self.jspark, out).run(Job.Options(self.qualify(manifest), param, self.qualify(table),
                                                      bool(recompute), 0, 0))
        for line in str(buffer.toString("UTF-8")).splitlines():
            if line.startswith("[radspark] run ") or line.startswith("cases ") and "extracted" in line:
                print(line)
        return {"run_id": str(s.runId()), "params_hash": str(s.paramsHash()), "cases": int(s.cases()),
                "done": int(s.done()), "skipped": int(s.skipped()), "failed": int(s.failed()),
                "seconds": float(s.seconds())}

    def params_hash_of(self, param_file):
        """The params_hash a parameter file's text gets in the tables (what `cohort extract` records)."""
        text = pathlib.Path(param_file).read_text(encoding="utf-8")
        return str(J("org.radspark.params.ParamsHash").of(text))

    def cohort_diagnostics(self, manifest, label=1):
        """Per case of a manifest: spacing, size, intensity range of image and ROI, ROI voxels,
        components and volume (pyradiomics' diagnostics_*-original_* quantities), read on the executors."""
        import jpype
        with java_errors(f"diagnostics of {manifest}"):
            ds = jpype.JClass("org.radspark.jobs.CohortDiagnostics").of(self.jspark, str(manifest), int(label))
        return self.to_pandas(ds).sort_values(["patient_id", "reader", "modality", "timepoint"]).reset_index(drop=True)

    def stop(self):
        self.jspark.stop()
        self.stopped = True


class Tables:
    """The Delta tables registered from one folder; ``names`` maps folder names to catalog names."""

    def __init__(self, session, root, names):
        self.session = session
        self.root = root
        self.names = names
        self._versions = {}

    def __repr__(self):
        return f"Tables({self.root}: {', '.join(self.names.values())})"

    def name(self, table):
        if table not in self.names:
            raise RadsparkError(f"no table '{table}' under {self.root}; present: {', '.join(self.names) or 'none'}")
        return self.names[table]

    def location(self, table):
        self.name(table)
        return f"{self.root}/{table}"

    def history(self, table):
        """Delta's history of a table (version, timestamp, operation, metrics), newest first."""
        return self.session.sql(f"DESCRIBE HISTORY `{self.name(table)}`")

    def versions(self, table):
        """The versions of a table that can be read (ascending)."""
        self._versions[table] = sorted(int(v) for v in self.history(table)["version"])
        return self._versions[table]

    def _at(self, table, version):
        name = f"`{self.name(table)}`"
        if version is None:
            return name
        # versions seen before stay readable (until a VACUUM); an unknown one is looked up again
        versions = self._versions.get(table) or self.versions(table)
        if int(version) not in versions:
            versions = self.versions(table)
        if int(version) not in versions:
            raise RadsparkError(f"{self.location(table)} has no version {version}; versions: "
                                f"{_ranges(versions)}")
        return f"{name} VERSION AS OF {int(version)}"

    def runs(self):
        """The runs table, oldest first."""
        return self.session.sql(f"SELECT * FROM {self._at('runs', None)} ORDER BY started_at")

    def errors(self):
        return self.session.sql(f"SELECT * FROM {self._at('errors', None)} ORDER BY at")

    def params_hashes(self, table="features_wide", version=None):
        df = self.session.sql(f"SELECT DISTINCT params_hash FROM {self._at(table, version)} ORDER BY params_hash")
        return list(df["params_hash"])

    def params_hash(self, params_hash=None, table="features_wide", version=None):
        """The full params_hash: ``None`` when the table holds one, or a unique prefix of a present one."""
        present = self.params_hashes(table, version)
        if params_hash is None:
            if len(present) != 1:
                raise RadsparkError(f"{self.location(table)} holds {len(present)} parameter sets "
                                    f"({', '.join(present) or 'none'}); pass params_hash=")
            return present[0]
        matches = [h for h in present if h.startswith(str(params_hash))]
        if len(matches) != 1 or len(str(params_hash)) < 4:
            where = f"{self.location(table)}" + ("" if version is None else f" at version {version}")
            raise RadsparkError(f"params_hash '{params_hash}' is not in {where}; present: "
                                f"{', '.join(present) or 'none'}")
        return matches[0]

    def wide(self, params_hash=None, version=None, columns=None, where=None, drop_empty=True):
        """features_wide for one parameter set as pandas: one row per case, one column per feature.

        ``columns``: feature columns to keep (names or a regular expression string); ``where``: a SQL
        condition; ``drop_empty``: leave out feature columns that are null for every selected row (the
        wide table holds the union of all parameter sets' features).
        """
        source = self._at("features_wide", version)
        if columns is None:
            select = "*"
        else:
            all_columns = [str(c) for c in self.session.dataset(f"SELECT * FROM {source} LIMIT 0").columns()]
            wanted = [c for c in all_columns if re.search(columns, c)] if isinstance(columns, str) \
                else [c for c in columns if c in all_columns]
            missing = [] if isinstance(columns, str) else [c for c in columns if c not in all_columns]
            if missing:
                raise RadsparkError(f"{self.location('features_wide')} has no column {', '.join(missing[:5])}")
            select = ", ".join(f"`{c}`" for c in WIDE_KEY + tuple(c for c in wanted if c not in WIDE_KEY))
        df = self._one_params_set("features_wide", select, source, params_hash, version, where)
        if drop_empty:
            features = [c for c in df.columns if c not in WIDE_KEY]
            empty = [c for c in features if df[c].isna().all()]
            df = df.drop(columns=empty)
        return df

    def _one_params_set(self, table, select, source, params_hash, version, where, max_rows=1_000_000):
        """Rows of one parameter set, sorted by case. A full 16-digit hash is queried at once (one Spark
        job); the present hashes are looked up only when it matches nothing, or for None or a prefix."""
        full = params_hash is not None and re.fullmatch(r"[0-9a-f]{16}", str(params_hash))
        h = str(params_hash) if full else self.params_hash(params_hash, table, version)
        query = f"SELECT {select} FROM {source} WHERE params_hash = '{h}'" + (f" AND ({where})" if where else "")
        df = self.session.sql(query, max_rows)
        if full and df.empty:
            self.params_hash(h, table, version)  # raises, naming the present hashes, if h is not one
        keys = [k for k in ("patient_id", "reader", "modality", "timepoint", "feature") if k in df.columns]
        return df.sort_values(keys, kind="stable").reset_index(drop=True) if keys else df

    def long(self, params_hash=None, version=None, where=None, max_rows=5_000_000):
        """The long table (one row per case and feature) for one parameter set as pandas."""
        return self._one_params_set("features", "*", self._at("features", version), params_hash, version, where,
                                    max_rows)

    def params_text(self, params_hash):
        """The parameter file text a parameter set was extracted with (from the runs table)."""
        h = self.params_hash(params_hash, "runs")
        df = self.session.sql(f"SELECT params_text FROM {self._at('runs', None)} WHERE params_hash = '{h}' "
                              "ORDER BY started_at DESC LIMIT 1")
        return df["params_text"].iloc[0]


def _ranges(values):
    """[0, 1, 2, 5] -> '0-2, 5'."""
    parts, start = [], None
    for i, v in enumerate(values):
        if start is None:
            start = v
        if i + 1 == len(values) or values[i + 1] != v + 1:
            parts.append(str(start) if start == v else f"{start}-{v}")
            start = None
    return ", ".join(parts) or "none"


def frame_to_pandas(frame):
    """A ColumnarFrame as a pandas DataFrame: NaN for null doubles, nullable Int64/boolean for integer
    and boolean columns with nulls, UTC timestamps, None for null strings, dicts and lists for maps and
    arrays."""
    n = int(frame.rows())
    data = {}
    names = []
    for j in range(int(frame.columns())):
        kind = str(frame.kind(j))
        values = frame.data(j)
        if kind == "double":
            col = np.array(values, dtype=np.float64)
        elif kind in ("long", "bool", "timestamp", "date"):
            dtype = np.bool_ if kind == "bool" else np.int64
            raw = np.array(values, dtype=dtype) if n else np.zeros(0, dtype=dtype)
            nulls = np.array(frame.nulls(j), dtype=np.bool_) if frame.hasNulls(j) else None
            if kind == "timestamp":
                col = pd.to_datetime(raw, unit="us", utc=True)
                if nulls is not None:
                    col = col.where(~nulls)
            elif kind == "date":
                col = pd.to_datetime(raw, unit="D")
                if nulls is not None:
                    col = col.where(~nulls)
            elif nulls is not None:
                col = pd.array(np.where(nulls, 0, raw), dtype="Int64" if kind == "long" else "boolean")
                col[nulls] = pd.NA
            else:
                col = raw
        elif kind == "string":
            codes = np.array(frame.data(j), dtype=np.int64) if n else np.zeros(0, dtype=np.int64)
            dictionary = frame.dictionary(j)
            values = [str(s) for s in dictionary] if len(dictionary) < 64 else \
                str(frame.joinedDictionary(j)).split("\0")
            lookup = np.empty(len(values) + 1, dtype=object)
            lookup[:len(values)] = values
            lookup[len(values)] = None
            col = lookup[codes]
        elif kind == "json":
            col = np.empty(n, dtype=object)
            col[:] = [None if v is None else json.loads(str(v)) for v in values]
        else:
            col = np.array([None if v is None else str(v) for v in values], dtype=object)
        data[j] = col
        names.append(str(frame.name(j)))
    df = pd.DataFrame(data, index=pd.RangeIndex(n))
    df.columns = names
    return df
