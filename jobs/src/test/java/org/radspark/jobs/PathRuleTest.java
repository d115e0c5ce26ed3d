package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path rule with HDFS as Hadoop's default file system, as on a cluster machine with HADOOP_CONF_DIR:
 * each command runs in a fresh JVM whose class path holds a core-site.xml naming an in-process HDFS, in a
 * working directory of its own. Scheme-less configuration files are local, scheme-less data locations on
 * HDFS (relative ones below /user/NAME), the demo's bundled data and outputs stay local, and a path that
 * exists only on the other file system is named with its explicit URI.
 */
class PathRuleTest {
    @TempDir
    static Path dir;
    static MiniDFSCluster cluster;
    static FileSystem fs;
    static Path confDir;
    static String home;

    @BeforeAll
    static void startHdfs() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        fs = cluster.getFileSystem();
        home = fs.getHomeDirectory().toString();
        confDir = Files.createDirectories(dir.resolve("hadoop-conf"));
        Files.writeString(confDir.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration>\n"
            + "<property><name>fs.defaultFS</name><value>" + fs.getUri() + "</value></property>\n"
            + "</configuration>\n", StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    /** Runs the command line in a fresh JVM with HDFS as the default file system, in {@code cwd}. */
    static Result run(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(CohortFixtures.jvm(args));
        int cp = cmd.indexOf("-cp") + 1;
        cmd.set(cp, confDir + File.pathSeparator + cmd.get(cp));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile())
            .redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new Result(code, Files.readString(out), Files.readString(err));
    }

    record Result(int code, String out, String err) {
    }

    @Test
    void schemeLessDataIsOnTheDefaultFileSystemAndParameterFilesAreLocal() throws Exception {
        // manifest and images on HDFS below the user's home; the parameter file in the local working directory
        Path local = Files.createDirectories(dir.resolve("cwd-cohort"));
        CohortFixtures.alternatingCases(local.resolve("stage"), "P", 2, i -> "r1");
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.resolve("stage").toUri()),
            new org.apache.hadoop.fs.Path(home + "/cohort"));
        Files.copy(CohortFixtures.PARAMS, local.resolve("params.yaml"));
        // the same relative path exists locally too: HDFS wins for data
        Result r = run(local, "cohort", "extract", "--manifest", "cohort/manifest.csv", "--param", "params.yaml",
            "--table", "out/tables");
        assertEquals(0, r.code(), r.out() + r.err());
        String tables = home + "/out/tables";
        assertTrue(r.out().contains("[radspark] manifest " + home + "/cohort/manifest.csv\n"), r.out());
        assertTrue(r.out().contains("[radspark] parameter file " + "file:" + local.resolve("params.yaml") + "\n"), r.out());
        assertTrue(r.out().contains("[radspark] tables " + tables + "\n"), r.out());
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(tables + "/features/_delta_log")));
        assertTrue(!Files.exists(local.resolve("out")), "nothing written to the local out/");

        SparkSession spark = CohortFixtures.spark();
        Row run = spark.read().format("delta").load(tables + "/runs").head();
        assertEquals(tables, run.getAs("tables_location"));
        assertEquals(home + "/cohort/manifest.csv", run.getAs("manifest"));
        assertEquals("file:" + local.resolve("params.yaml"), run.getAs("params_source"));
        assertEquals(2L, (long) run.getAs("done"));
        assertTrue(!Files.exists(local.resolve("spark-warehouse")) && !Files.exists(local.resolve("derby.log")));
    }

    @Test
    void aPathOnTheOtherFileSystemIsNamedWithItsUri() throws Exception {
        Path local = Files.createDirectories(dir.resolve("cwd-hint"));
        Path manifest = CohortFixtures.alternatingCases(local, "Q", 1, i -> "r1");
        long t0 = System.nanoTime();
        Result r = run(local, "cohort", "extract", "--manifest", "manifest.csv", "--param",
            CohortFixtures.PARAMS.toString(), "--table", "t");
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("manifest manifest.csv not found: " + home + "/manifest.csv; it exists at file:" + manifest
            + " (give that URI to use it)", r.err().strip());
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "answered before Spark starts");

        // the other way round: a parameter file that is only on HDFS
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(CohortFixtures.PARAMS.toUri()),
            new org.apache.hadoop.fs.Path(home + "/only-on-hdfs.yaml"));
        r = run(local, "cohort", "extract", "--manifest", manifest.toUri().toString(), "--param", "only-on-hdfs.yaml",
            "--table", "t");
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("parameter file only-on-hdfs.yaml not found: file:" + local.resolve("only-on-hdfs.yaml")
            + "; it exists at " + home + "/only-on-hdfs.yaml (give that URI to use it)", r.err().strip());
    }

    @Test
    void theDemoStaysLocalAndStudiesWriteToHdfs() throws Exception {
        Path local = Files.createDirectories(dir.resolve("cwd-demo"));
        Result r = run(local, "demo", "--testdata", CohortFixtures.DATA.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.isDirectory(local.resolve("radspark-demo/tables/features_wide/_delta_log")), r.out());
        assertTrue(Files.isRegularFile(local.resolve("radspark-demo/study/output/report.html")), r.out());
        assertTrue(!fs.exists(new org.apache.hadoop.fs.Path(home + "/radspark-demo")));

        // the demo's synthetic study cohort, copied to HDFS, then a study run with scheme-less data locations
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.resolve("radspark-demo/study/tables").toUri()),
            new org.apache.hadoop.fs.Path(home + "/study/tables"));
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.resolve("radspark-demo/study/clinical.csv").toUri()),
            new org.apache.hadoop.fs.Path(home + "/study/clinical.csv"));
        Path studyFile = CohortFixtures.DATA.getParent().resolve("conf/studies/demo.yaml");
        r = run(local, "study", "run", studyFile.toString(), "--table", "study/tables", "--clinical",
            "study/clinical.csv", "--out", "study/out");
        assertEquals(0, r.code(), r.out() + r.err());
        String out = home + "/study/out";
        for (String f : new String[] {"report.html", "metrics/_delta_log", "models/00_assemble/metadata"}) {
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(out + "/" + f)), f + "\n" + r.out());
        }
        assertTrue(!Files.exists(local.resolve("study")), "nothing of the study on the local disk");
        // the same metrics as the demo's local run of the same study on the same cohort
        SparkSession spark = CohortFixtures.spark();
        List<Row> onHdfs = spark.read().format("delta").load(out + "/metrics").orderBy("model", "split", "metric")
            .collectAsList();
        List<Row> onDisk = spark.read().format("delta").load(local.resolve("radspark-demo/study/output/metrics")
            .toUri().toString()).orderBy("model", "split", "metric").collectAsList();
        assertEquals(onDisk, onHdfs);
    }
}
