package org.radspark.jobs.fs;

import org.apache.hadoop.fs.LocalFileSystem;

/**
 * The checksummed local file system ({@code fs.file.impl}) over {@link NioRawLocalFileSystem}: what Spark
 * and Parquet use for file:// paths, without forking a shell per created file.
 */
public class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new NioRawLocalFileSystem());
    }
}
