package dev.kiso.plot;

import dev.kiso.KisoException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file through a temporary sibling and a rename, so that readers see either the old file
 * or the complete new one, and a failure leaves no half-written file behind.
 */
final class AtomicFiles {

    /** Writes the content into the (temporary) file it is given. */
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Creates missing parent directories, writes {@code content} to a temporary file beside
     * {@code file}, then renames it onto {@code file} (atomically where the file system can).
     *
     * @throws KisoException naming the file if anything fails; the temporary file is deleted
     */
    static void write(Path file, String what, Content content) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            content.writeTo(tmp);
            givePermissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw new KisoException("Cannot write " + what + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Temporary files are created readable by their owner only; the finished file gets the
     * permissions of the file it replaces, or rw-r--r-- for a new one (POSIX file systems only).
     */
    private static void givePermissions(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, permissions);
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one worth reporting
            }
        }
    }
}
