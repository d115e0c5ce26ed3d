package org.radspark.jobs.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell-free local file system behaves as Hadoop's for permissions, link status, create and rename. */
class NioLocalFileSystemTest {

    private static Configuration conf() {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
        conf.set("fs.AbstractFileSystem.file.impl", NioLocalFs.class.getName());
        return conf;
    }

    @Test
    void permissionsAreTheNineBitsChmodWouldSet(@TempDir java.nio.file.Path dir) throws IOException {
        try (FileSystem fs = FileSystem.newInstance(dir.toUri(), conf())) {
            assertTrue(fs instanceof NioLocalFileSystem, fs.getClass().getName());
            Path file = new Path(dir.resolve("f.txt").toUri());
            fs.create(file).close();
            for (short mode : new short[] {0640, 0755, 0600, 0444, 0751}) {
                fs.setPermission(file, new FsPermission(mode));
                String expected = new FsPermission(mode).toString();
                assertEquals(expected, PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("f.txt"))));
            }
            Path sub = new Path(dir.resolve("a/b").toUri());
            assertTrue(fs.mkdirs(sub, new FsPermission((short) 0750)));
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
        }
    }

    @Test
    void linkStatusOfFilesAndOfSymbolicLinks(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path target = Files.writeString(dir.resolve("target.txt"), "abc");
        java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        try (FileSystem fs = FileSystem.newInstance(dir.toUri(), conf())) {
            FileStatus plain = fs.getFileLinkStatus(new Path(target.toUri()));
            assertFalse(plain.isSymlink());
            assertEquals(3, plain.getLen());
            // a link is answered by Hadoop's own code, whatever it makes of it
            org.apache.hadoop.fs.RawLocalFileSystem hadoops = new org.apache.hadoop.fs.RawLocalFileSystem();
            hadoops.initialize(dir.toUri(), new Configuration(false));
            FileStatus ours = fs.getFileLinkStatus(new Path(link.toUri()));
            FileStatus theirs = hadoops.getFileLinkStatus(new Path(link.toUri()));
            assertEquals(theirs.isSymlink(), ours.isSymlink());
            assertEquals(theirs.getLen(), ours.getLen());
            assertEquals(theirs.getPath(), ours.getPath());
        }
    }

    @Test
    void fileContextCreatesAndRenamesLikeDeltasLogStore(@TempDir java.nio.file.Path dir) throws IOException {
        FileContext fc = FileContext.getFileContext(dir.toUri(), conf());
        assertTrue(fc.getDefaultFileSystem() instanceof NioLocalFs, fc.getDefaultFileSystem().getClass().getName());
        Path tmp = new Path(dir.resolve(".00000.json.tmp").toUri());
        Path done = new Path(dir.resolve("00000.json").toUri());
        try (FSDataOutputStream out = fc.create(tmp, EnumSet.of(CreateFlag.CREATE),
            Options.CreateOpts.checksumParam(Options.ChecksumOpt.createDisabled()))) {
            out.write("{\"commitInfo\":{}}".getBytes(StandardCharsets.UTF_8));
        }
        fc.rename(tmp, done, Options.Rename.NONE);
        assertFalse(Files.exists(dir.resolve(".00000.json.tmp")));
        try (FSDataInputStream in = fc.open(done)) {
            assertArrayEquals("{\"commitInfo\":{}}".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        // a rename onto an existing file fails, as Delta's transaction log relies on
        fc.create(tmp, EnumSet.of(CreateFlag.CREATE)).close();
        org.junit.jupiter.api.Assertions.assertThrows(org.apache.hadoop.fs.FileAlreadyExistsException.class,
            () -> fc.rename(tmp, done, Options.Rename.NONE));
    }
}
