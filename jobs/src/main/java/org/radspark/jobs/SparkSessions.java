package org.radspark.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Spark sessions for radspark jobs: Delta Lake enabled, local[*] unless a master is given or set by spark-submit. */
public final class SparkSessions {
    private SparkSessions() {
    }

    /** Spark master URLs: local[N], local[N,F], local[*], spark://HOST:PORT[,HOST:PORT...], yarn, k8s://..., local-cluster[..]. */
    private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
        "local|local\\[(\\*|[1-9][0-9]*)(,[0-9]+)?]|local-cluster\\[[0-9]+, *[0-9]+, *[0-9]+]"
            + "|spark://[^/:,\\s]+:[0-9]+(,[^/:,\\s]+:[0-9]+)*|yarn|k8s://\\S+");

    /**
     * Checks a --master value before Spark starts (Spark would fail later with a stack trace).
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static void checkMaster(String master) {
        if (master != null && !MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("--master '" + master + "' is not a Spark master URL (local[*], local[N], "
                + "spark://HOST:PORT, yarn, k8s://https://HOST:PORT)");
        }
    }

    /** A cluster master that did not answer within {@link #masterTimeoutSeconds()}. */
    public static final class MasterUnreachableException extends RuntimeException {
        MasterUnreachableException(String message) {
            super(message);
        }
    }

    /** How long a command waits for a spark:// master to accept connections: radspark.masterTimeoutSeconds, 30 s. */
    static long masterTimeoutSeconds() {
        return Long.getLong("radspark.masterTimeoutSeconds", 30);
    }

    /**
     * For a standalone master (spark://HOST:PORT[,HOST:PORT...]): waits until one of its addresses accepts
     * a TCP connection, at most {@link #masterTimeoutSeconds()} (Spark itself would retry for minutes and
     * then print pages of traces). Other masters are left to Spark.
     */
    public static void requireReachable(String master) {
        if (master == null || !master.startsWith("spark://")) {
            return;
        }
        long timeout = masterTimeoutSeconds();
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        String last = "";
        do {
            for (String hostPort : master.substring("spark://".length()).split(",")) {
                int colon = hostPort.lastIndexOf(':');
                try (java.net.Socket s = new java.net.Socket()) {
                    s.connect(new java.net.InetSocketAddress(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1))), 2000);
                    return;
                } catch (java.io.IOException e) {
                    last = hostPort + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new MasterUnreachableException("Spark master " + master + " not reachable within " + timeout + " s ("
            + last + "); is it running? (wait longer with -Dradspark.masterTimeoutSeconds=N in RADSPARK_JAVA_OPTS)");
    }

    public static SparkSession create(String appName, String master) {
        checkMaster(master);
        SparkConf conf = new SparkConf(true);
        SparkSession.Builder b = SparkSession.builder().appName(appName)
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"))
            .config("spark.ui.showConsoleProgress", "false")
            // the cohort job's committer thread runs its MERGEs in a pool of their own beside the extraction
            .config("spark.scheduler.mode", conf.get("spark.scheduler.mode", "FAIR"))
            .config("spark.sql.shuffle.partitions", conf.get("spark.sql.shuffle.partitions", "8"))
            // radspark names its tables by location: no spark-warehouse/ in the working directory
            .config("spark.sql.warehouse.dir", conf.get("spark.sql.warehouse.dir",
                new java.io.File(System.getProperty("java.io.tmpdir"), "radspark-warehouse-"
                    + System.getProperty("user.name", "user")).toURI().toString()))
            .config("spark.databricks.delta.snapshotPartitions", conf.get("spark.databricks.delta.snapshotPartitions", "4"))
            // local files without a forked chmod/readlink per created file or renamed log entry
            .config("spark.hadoop.fs.file.impl", conf.get("spark.hadoop.fs.file.impl",
                org.radspark.jobs.fs.NioLocalFileSystem.class.getName()))
            .config("spark.hadoop.fs.AbstractFileSystem.file.impl", conf.get("spark.hadoop.fs.AbstractFileSystem.file.impl",
                org.radspark.jobs.fs.NioLocalFs.class.getName()));
        if (master != null) {
            b.master(master);
        } else if (!conf.contains("spark.master")) {
            b.master("local[*]");
        }
        String effective = master != null ? master : conf.get("spark.master", "local[*]");
        String jar = ownJar();
        if (!effective.startsWith("local") && !conf.contains("spark.jars") && jar != null) {
            // bin/radspark ... --master spark://...: executors need radspark's classes (spark-submit sets
            // spark.jars itself)
            b.config("spark.jars", jar);
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** The jar this class was loaded from (the shaded radspark jar), or null when run from classes. */
    static String ownJar() {
        try {
            java.net.URL where = SparkSessions.class.getProtectionDomain().getCodeSource().getLocation();
            java.io.File f = new java.io.File(where.toURI());
            return f.isFile() && f.getName().endsWith(".jar") ? f.getAbsolutePath() : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
