package dev.kiso.plot;

import dev.kiso.KisoException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
