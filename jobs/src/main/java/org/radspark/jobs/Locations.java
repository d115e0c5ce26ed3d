package org.radspark.jobs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;

/**
 * The one path rule of every radspark command (README, "Paths"):
 * <ul>
 *   <li>an explicit scheme ({@code file:}, {@code hdfs:}, any Hadoop file system) always wins;</li>
 *   <li>a scheme-less <b>configuration file</b> that the command line itself reads (parameter file,
 *       study file) is local, like {@code spark-submit --properties-file};</li>
 *   <li>a scheme-less <b>data location</b> (manifest, clinical table, feature tables, study output) is on
 *       Hadoop's default file system ({@code fs.defaultFS}), like {@code spark.read};</li>
 *   <li>relative paths are made absolute before any work: against the working directory for local
 *       files, against the default file system's working directory (HDFS: {@code /user/NAME}) for
 *       data; manifest entries stay relative to the manifest.</li>
 * </ul>
 * Everything here works without a SparkSession, so the command line checks locations before Spark starts.
 */
public final class Locations {
    private Locations() {
    }

    /** A location that is missing, unreadable or unwritable; the message is one line naming it. */
    public static final class LocationException extends RuntimeException {
        public LocationException(String message) {
            super(message);
        }
    }

    /**
     * Hadoop's configuration as the commands see it: {@code core-site.xml} and {@code hdfs-site.xml} from
     * the class path ({@code bin/radspark} and {@code spark-submit} put {@code HADOOP_CONF_DIR} there),
     * plus {@code spark.hadoop.*} system properties, as Spark applies them.
     */
    public static Configuration hadoopConf() {
        Configuration conf = new Configuration();
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith("spark.hadoop.")) {
                conf.set(k.substring("spark.hadoop.".length()), System.getProperty(k));
            }
        }
        return conf;
    }

    /** A configuration file's location as a URI: scheme-less is local, made absolute. */
    public static String config(String location) {
        if (LocalFiles.hasScheme(location)) {
            return location;
        }
        return fileUri(java.nio.file.Path.of(location));
    }

    /**
     * A data location as a fully qualified URI without a trailing slash: scheme-less is on the default
     * file system, relative below its working directory.
     */
    public static String data(String location, Configuration conf) {
        Path p = new Path(location);
        try {
            String q = p.getFileSystem(conf).makeQualified(p).toString();
            return q.length() > 1 && q.endsWith("/") && !q.endsWith(":///") ? q.substring(0, q.length() - 1) : q;
        } catch (IOException | IllegalArgumentException e) {
            throw new LocationException(location + ": cannot resolve (" + firstLine(e) + ")");
        }
    }

    /** Reads a small text file (parameter, study, manifest) from any file system. */
    public static String readText(String what, String given, String uri, Configuration conf) {
        Path p = new Path(uri);
        try {
            FileSystem fs = p.getFileSystem(conf);
            FileStatus st = fs.getFileStatus(p);
            if (st.isDirectory()) {
                throw new LocationException(what + " " + given + " is a directory (" + uri + "), not a file");
            }
            try (InputStream in = fs.open(p)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (FileNotFoundException e) {
            throw new LocationException(notFound(what, given, uri, conf));
        } catch (IOException e) {
            throw new LocationException(what + " " + given + ": cannot read " + uri + " (" + firstLine(e) + ")");
        }
    }

    /**
     * Writes a small text file on any file system: to a temporary file beside it (parent folders
     * created), then renamed over it, so readers never see a partial file.
     */
    public static void writeText(String uri, String text, Configuration conf) throws IOException {
        Path file = new Path(uri);
        if ("file".equals(file.toUri().getScheme())) {
            // local: no .crc files beside a file people open
            java.nio.file.Path target = java.nio.file.Path.of(file.toUri());
            java.nio.file.Files.createDirectories(target.getParent());
            java.nio.file.Path local = target.resolveSibling(target.getFileName() + ".tmp");
            java.nio.file.Files.writeString(local, text, StandardCharsets.UTF_8);
            java.nio.file.Files.move(local, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path tmp = new Path(uri + ".tmp");
        org.apache.hadoop.fs.FileContext fc = org.apache.hadoop.fs.FileContext.getFileContext(file.toUri(), conf);
        try (java.io.OutputStream o = fc.create(tmp, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE,
            org.apache.hadoop.fs.CreateFlag.OVERWRITE), org.apache.hadoop.fs.Options.CreateOpts.createParent())) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        fc.rename(tmp, file, org.apache.hadoop.fs.Options.Rename.OVERWRITE);
    }

    /** Checks that a location exists (file or directory); else one line with {@link #notFound}. */
    public static FileStatus requireExists(String what, String given, String uri, Configuration conf) {
        Path p = new Path(uri);
        try {
            return p.getFileSystem(conf).getFileStatus(p);
        } catch (FileNotFoundException e) {
            throw new LocationException(notFound(what, given, uri, conf));
        } catch (IOException e) {
            throw new LocationException(what + " " + given + ": cannot reach " + uri + " (" + firstLine(e) + ")");
        }
    }

    /**
     * Checks that an output folder can be written: it is a folder, or its nearest existing ancestor is
     * a folder this user may write in. Nothing is created.
     */
    public static void requireWritableDir(String what, String given, String uri, Configuration conf) {
        Path p = new Path(uri);
        try {
            FileSystem fs = p.getFileSystem(conf);
            Path at = p;
            while (at != null && !fs.exists(at)) {
                at = at.getParent();
            }
            if (at == null) {
                throw new LocationException(what + " " + given + ": no existing parent folder of " + uri);
            }
            FileStatus st = fs.getFileStatus(at);
            if (!st.isDirectory()) {
                throw new LocationException(what + " " + given + ": " + at + " is a file, not a folder");
            }
            try {
                fs.access(at, FsAction.WRITE);
            } catch (org.apache.hadoop.security.AccessControlException e) {
                throw new LocationException(what + " " + given + ": " + at + " is not writable by this user");
            }
            if (at.toUri().getScheme() != null && at.toUri().getScheme().equals("file")
                && !java.nio.file.Files.isWritable(java.nio.file.Path.of(at.toUri()))) {
                throw new LocationException(what + " " + given + ": " + at + " is not writable by this user");
            }
        } catch (IOException e) {
            throw new LocationException(what + " " + given + ": cannot reach " + uri + " (" + firstLine(e) + ")");
        }
    }

    /**
     * "WHAT GIVEN not found: URI", and when the same path exists on the other file system (the local
     * disk, or the default file system), the explicit URI that names it.
     */
    public static String notFound(String what, String given, String uri, Configuration conf) {
        String msg = what + " " + given + " not found: " + uri;
        String other = otherFileSystem(given, uri, conf);
        return other == null ? msg : msg + "; it exists at " + other + " (give that URI to use it)";
    }

    /** The same scheme-less path on the other file system, when it exists there; else null. */
    static String otherFileSystem(String given, String uri, Configuration conf) {
        if (LocalFiles.hasScheme(given)) {
            return null;
        }
        try {
            String scheme = new Path(uri).toUri().getScheme();
            if (scheme == null || !scheme.equals("file")) {
                java.nio.file.Path local = java.nio.file.Path.of(given).toAbsolutePath().normalize();
                return java.nio.file.Files.exists(local) ? fileUri(local) : null;
            }
            FileSystem dfs = FileSystem.get(conf);
            if (dfs.getUri().getScheme() == null || dfs.getUri().getScheme().equals("file")) {
                return null;
            }
            Path q = dfs.makeQualified(new Path(given));
            return dfs.exists(q) ? q.toString() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A local path as Hadoop writes it: {@code file:/abs/path} (one form in every message and table). */
    public static String fileUri(java.nio.file.Path local) {
        String q = new Path(local.toAbsolutePath().normalize().toUri()).toString();
        return q.length() > "file:/".length() && q.endsWith("/") ? q.substring(0, q.length() - 1) : q;
    }

    /** The scheme of a resolved location in lower case ("file", "hdfs", ...). */
    public static String scheme(String uri) {
        String s = new Path(uri).toUri().getScheme();
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** The cause in a few words: the root cause's message (Hadoop wraps "Connection refused" in a paragraph). */
    private static String firstLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
