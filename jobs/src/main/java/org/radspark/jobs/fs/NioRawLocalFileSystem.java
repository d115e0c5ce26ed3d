package org.radspark.jobs.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's raw local file system with its two per-file shell commands replaced by java.nio calls. Without
 * Hadoop's native library (never present in a Maven-built application), {@link RawLocalFileSystem} runs
 * {@code chmod} for every file and directory it creates and {@code readlink} for both ends of every
 * rename: about 230 processes forked per cohort run, each costing milliseconds on the commit path of the
 * Delta tables. Everything else is inherited.
 */
public class NioRawLocalFileSystem extends RawLocalFileSystem {

    /** Sets the nine rwx bits like {@code chmod}; permissions with sticky bit go through Hadoop's own path. */
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        if (permission.getStickyBit()) {
            super.setPermission(p, permission);
            return;
        }
        Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixFilePermissions.fromString(
            permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
                + permission.getOtherAction().SYMBOL));
    }

    /** A path that is not a symbolic link has the status of the file itself; links keep Hadoop's handling. */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
        if (Files.isSymbolicLink(pathToFile(f).toPath())) {
            return super.getFileLinkStatus(f);
        }
        return getFileStatus(f);
    }
}
