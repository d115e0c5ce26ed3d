"""pytest set-up of the notebook helper's tests: one JVM for the whole session (JPype starts one per
process), with Hadoop's MiniDFSCluster on its class path for the HDFS test."""
import os
import pathlib
import re
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import radspark_nb as rs  # noqa: E402


def minicluster_jar():
    """hadoop-client-minicluster from the local Maven repository (a test dependency of jobs/, so
    `mvn verify` has fetched it), at the Hadoop version of the pom."""
    pom = (rs.home() / "pom.xml").read_text()
    version = re.search(r"<hadoop.version>([^<]+)</hadoop.version>", pom).group(1)
    jar = (pathlib.Path.home() / ".m2" / "repository" / "org" / "apache" / "hadoop" / "hadoop-client-minicluster"
           / version / f"hadoop-client-minicluster-{version}.jar")
    if not jar.is_file():
        pytest.exit(f"{jar} is missing: run 'mvn -B verify' (or 'mvn dependency:resolve -pl jobs') first", 2)
    return jar


@pytest.fixture(scope="session")
def spark():
    rs.start_jvm(extra_classpath=[minicluster_jar()])
    s = rs.session()
    yield s
    # Spark's threads stopped before the interpreter exits: JPype tears the JVM down at exit, and with a live
    # SparkContext that teardown could crash the process (exit 139) after every test had passed
    if not getattr(s, "stopped", False):
        s.stop()


@pytest.fixture(scope="session")
def demo(spark):
    """The demo's tables (bin/radspark demo runs first when they are missing)."""
    return spark.open(rs.demo_tables())


_exit_status = [0]


def pytest_sessionfinish(session, exitstatus):
    _exit_status[0] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """Leaves with pytest's status once everything is reported. JPype destroys the JVM at interpreter exit,
    and that teardown (Spark's and Hadoop's shutdown hooks in a JVM embedded in Python) intermittently dies
    with SIGSEGV after all tests have passed (exit 139 in about 1 of 3 runs on 2026-12-07)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status[0])
