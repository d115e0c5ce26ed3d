package org.radspark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Output files written beside the target and renamed into place: a failed run leaves nothing behind. */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Receives the temporary path to fill. */
    interface Filler {
        void fill(Path tmp) throws IOException;
    }

    /** Writes {@code target} via a temporary file with {@code suffix} (writers that choose by name need it). */
    static void write(Path target, String suffix, Filler filler) throws IOException {
        if (Files.isDirectory(target)) {
            throw new org.radspark.jobs.Locations.LocationException("output " + target + " is a folder; name a file");
        }
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            Path at = dir;
            while (at != null && !Files.exists(at)) {
                at = at.getParent();
            }
            throw new org.radspark.jobs.Locations.LocationException("output " + target + ": cannot create its folder ("
                + (at != null && !Files.isDirectory(at) ? at + " is a file, not a folder" : e.getMessage()) + ")");
        }
        Path tmp = Files.createTempFile(dir, ".radspark-", suffix);
        try {
            filler.fill(tmp);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system's default permissions apply
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
