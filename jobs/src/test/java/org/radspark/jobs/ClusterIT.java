package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.jobs.study.SyntheticStudyCohort;

/**
 * The launcher on a real cluster (README, "A cohort on Spark"): a standalone Spark Master and two Workers,
 * each a JVM of its own started from the shaded radspark jar, and HDFS (an in-process NameNode and
 * DataNode), all on 127.0.0.1. {@code bin/radspark cohort extract --master spark://...} reads a manifest
 * on HDFS and writes its tables there while one Worker is killed with SIGKILL; then {@code bin/radspark
 * study run --master spark://... --out hdfs://...}. Both must equal a local[2] run of the same inputs.
 * Runs after {@code package} (it needs the jar); every process it starts is ended by its id.
 */
class ClusterIT {
    static final Path ROOT = CohortFixtures.DATA.getParent();
    static final Path JAR = ROOT.resolve("jobs/target/radspark.jar");
    static final Pattern PROGRESS = Pattern.compile("\\[radspark] cases (\\d+)/(\\d+) done");

    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();
    private final List<ProcessHandle> executors = new ArrayList<>();
    private MiniDFSCluster hdfs;

    @AfterEach
    void endEverything() {
        for (Process p : started) {
            p.descendants().forEach(executors::add);
        }
        for (ProcessHandle h : executors) {
            h.destroyForcibly();
        }
        for (Process p : started) {
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void cohortAndStudyOnAStandaloneClusterWithHdfsEqualALocalRun() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "build the jar first (mvn package): " + JAR);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        FileSystem fs = hdfs.getFileSystem();
        String nn = fs.getUri().toString();

        // 12 cases (brain1 and breast1 alternating, two readers), manifest and images on HDFS
        Path stage = Files.createDirectories(dir.resolve("stage"));
        CohortFixtures.alternatingCases(stage, "C", 12, i -> i % 3 == 0 ? "r2" : "r1");
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(stage.toUri()), new org.apache.hadoop.fs.Path(nn + "/nb"));

        // Master and two Workers from the jar alone (README: a SPARK_HOME holding jars/ and RELEASE)
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
        Files.createSymbolicLink(sparkHome.resolve("radspark.jar"), JAR);
        Files.createFile(sparkHome.getParent().resolve("RELEASE"));
        int port = freePort();
        int ui = freePort();
        String master = "spark://127.0.0.1:" + port;
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
            Integer.toString(port), "--webui-port", Integer.toString(ui));
        Process worker1 = start("worker1", "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
            "--cores", "1", "--memory", "1500m", "--webui-port", Integer.toString(freePort()),
            "--work-dir", dir.resolve("work1").toString());
        start("worker2", "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1", "--cores", "1",
            "--memory", "1500m", "--webui-port", Integer.toString(freePort()), "--work-dir", dir.resolve("work2").toString());
        awaitAliveWorkers(ui, 2);

        // the extraction on the cluster; SIGKILL of a Worker once the first cases are done
        String tables = nn + "/nb/tables";
        String params = ROOT.resolve("conf/params/pyradiomics-default.yaml").toString();
        CountDownLatch firstCases = new CountDownLatch(1);
        List<String> lines = new ArrayList<>();
        Process driver = radspark(lines, firstCases, "cohort", "extract", "--master", master, "--manifest",
            nn + "/nb/manifest.csv", "--param", params, "--table", tables, "--batch-size", "4");
        assertTrue(firstCases.await(4, TimeUnit.MINUTES), String.join("\n", lines));
        boolean killedMidRun = driver.isAlive();
        worker1.descendants().forEach(executors::add);
        worker1.destroyForcibly();
        assertTrue(driver.waitFor(6, TimeUnit.MINUTES), String.join("\n", lines));
        assertEquals(0, driver.exitValue(), String.join("\n", lines));
        assertTrue(killedMidRun, "the Worker was killed while the run went on\n" + String.join("\n", lines));
        String out = String.join("\n", lines);
        assertTrue(out.contains("cases 12: extracted 12, skipped 0 (already in the table), failed 0"), out);

        // the same cohort on local[2], from the same manifest
        SparkSession spark = CohortFixtures.spark();
        String local = dir.resolve("local-tables").toUri().toString();
        new CohortExtractJob(spark, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
            .run(new CohortExtractJob.Options(nn + "/nb/manifest.csv", params, local, false, 0, 0));
        String cols = "patient_id, reader, params_hash, image_type, feature_class, feature, value";
        assertEquals(rows(spark, local + "/features", cols), rows(spark, tables + "/features", cols));
        assertEquals(12L, spark.read().format("delta").load(tables + "/features").select("patient_id", "reader")
            .distinct().count());
        Dataset<Row> wide = spark.read().format("delta").load(tables + "/features_wide");
        assertEquals(12L, wide.count());
        assertEquals(rows(spark, local + "/features_wide", String.join(", ", quoted(wide.columns()))),
            rows(spark, tables + "/features_wide", String.join(", ", quoted(wide.columns()))));

        // a study cohort derived from the cluster's rows on HDFS; the study on the cluster and on local[2]
        String hash = spark.read().format("delta").load(tables + "/runs").head().getAs("params_hash");
        List<Map<String, Double>> templates = SyntheticStudyCohort.templates(spark, tables + "/features_wide", hash);
        SyntheticStudyCohort.write(spark, templates, hash, new SyntheticStudyCohort.Spec(), nn + "/study/tables",
            nn + "/study/clinical.csv");
        String study = ROOT.resolve("conf/studies/demo.yaml").toString();
        List<String> studyLines = new ArrayList<>();
        Process s = radspark(studyLines, null, "study", "run", study, "--master", master, "--table",
            nn + "/study/tables", "--clinical", nn + "/study/clinical.csv", "--out", nn + "/study/out");
        assertTrue(s.waitFor(6, TimeUnit.MINUTES), String.join("\n", studyLines));
        assertEquals(0, s.exitValue(), String.join("\n", studyLines));
        for (String f : new String[] {"report.html", "metrics/_delta_log", "models/00_assemble/metadata"}) {
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(nn + "/study/out/" + f)), f);
        }
        String localOut = dir.resolve("study-local").toUri().toString();
        List<String> localLines = new ArrayList<>();
        Process l = radspark(localLines, null, "study", "run", study, "--master", "local[2]", "--table",
            nn + "/study/tables", "--clinical", nn + "/study/clinical.csv", "--out", localOut);
        assertTrue(l.waitFor(6, TimeUnit.MINUTES), String.join("\n", localLines));
        assertEquals(0, l.exitValue(), String.join("\n", localLines));
        String m = "model, split, metric, value, ci_low, ci_high";
        List<String> clusterMetrics = rows(spark, nn + "/study/out/metrics", m);
        assertTrue(clusterMetrics.size() > 50, clusterMetrics.toString());
        assertEquals(rows(spark, localOut + "/metrics", m), clusterMetrics);
    }

    private static List<String> quoted(String[] names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add("`" + n + "`");
        }
        return q;
    }

    /** A table's rows as sorted text (every double to the last bit). */
    private static List<String> rows(SparkSession spark, String table, String cols) {
        spark.read().format("delta").load(table).createOrReplaceTempView("t");
        List<String> out = new ArrayList<>();
        for (Row r : spark.sql("SELECT " + cols + " FROM t").collectAsList()) {
            out.add(r.toString());
        }
        java.util.Collections.sort(out);
        return out;
    }

    /** Starts a Spark daemon from the jar, as the README does, with its output in a log file. */
    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(JAR.toString());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
        env(pb);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** bin/radspark with its output collected; {@code first} opens once some but not all cases are done. */
    private Process radspark(List<String> lines, CountDownLatch first, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("bin/radspark").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        env(pb);
        pb.environment().put("RADSPARK_JAVA_OPTS", "-Xmx1g");
        Process p = pb.start();
        started.add(p);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher m = PROGRESS.matcher(line);
                    if (first != null && m.find() && Integer.parseInt(m.group(1)) >= 1
                        && Integer.parseInt(m.group(1)) < Integer.parseInt(m.group(2)) - 4) {
                        first.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "radspark-output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private void env(ProcessBuilder pb) {
        pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().remove("HADOOP_CONF_DIR");
    }

    private static List<String> jvmOptions() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("conf/jvm-options"))) {
            String s = line.replaceAll("#.*", "").strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Waits until the Master's JSON status lists {@code n} alive Workers. */
    private static void awaitAliveWorkers(int uiPort, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = alive.matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) >= n) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the Master did not list " + n + " Workers: " + last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
