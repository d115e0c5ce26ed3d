package org.radspark.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Spark sessions for radspark jobs: Delta Lake enabled, local[*] unless a master is given or set by spark-submit. */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession create(String appName, String master) {
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
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
