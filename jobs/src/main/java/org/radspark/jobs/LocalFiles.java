package org.radspark.jobs;

import java.util.Locale;

/**
 * The path rule (README, "Paths") for commands without Spark (extract, filter, bench), which read and write
 * local files themselves. Free of Hadoop classes: these commands run from the small engine jar.
 */
public final class LocalFiles {
    private LocalFiles() {
    }

    /** Whether a location names its scheme (a Windows drive letter does not count as one). */
    public static boolean hasScheme(String location) {
        return location.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !location.matches("^[A-Za-z]:[\\\\/].*");
    }

    /**
     * {@code location} as a local path: scheme-less, or a {@code file:} URI ({@code file:/x}, {@code file:///x},
     * {@code file://localhost/x}, {@code file:x}); another scheme, or a file URI naming another host, is
     * refused in one line naming {@code what}.
     */
    public static java.nio.file.Path path(String what, String location) {
        if (!hasScheme(location)) {
            return java.nio.file.Path.of(location);
        }
        if (location.toLowerCase(Locale.ROOT).startsWith("file:")) {
            String rest = location.substring("file:".length());
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                String host = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
                if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
                    throw new Locations.LocationException(what + " " + location + ": a file URI naming host " + host
                        + " is not a local file");
                }
                rest = slash < 0 ? "/" : rest.substring(slash);
            }
            if (rest.isEmpty()) {
                throw new Locations.LocationException(what + " " + location + ": not a file URI (no path)");
            }
            return java.nio.file.Path.of(rest);
        }
        throw new Locations.LocationException(what + " " + location + ": this command reads and writes local files only "
            + (what.equals("output") ? "(write it here, then copy it with e.g. hdfs dfs -put)"
            : "(copy it here first, e.g. hdfs dfs -get; cohort extract reads any file system)"));
    }
}
