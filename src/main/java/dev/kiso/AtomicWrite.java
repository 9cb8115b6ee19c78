package dev.kiso;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that it is either all there or not there at all, the way every Kiso file
 * (model, CSV, chart) is saved:
 *
 * <pre>
 * tmp = a new temporary file beside the target   (".model.safetensors.123.tmp")
 * write the contents into tmp, force them to disk
 * give tmp the target's permissions (rw-r--r-- for a new file)
 * rename tmp onto the target                     (atomically where the file system can)
 * </pre>
 *
 * <p>Readers see either the old file or the complete new one; if anything fails, the temporary
 * file is deleted, the target is left as it was, and a {@link KisoException} names the file.
 *
 * <pre>{@code
 * AtomicWrite.write(path, "CSV series", tmp -> Files.writeString(tmp, text));
 * }</pre>
 */
public final class AtomicWrite {

    /** Writes the contents into the temporary file it is given (which exists and is empty). */
    public interface Contents {
        /**
         * @param tmp the temporary file to write
         * @throws IOException if writing fails
         */
        void writeTo(Path tmp) throws IOException;
    }

    private AtomicWrite() {
    }

    /**
     * Writes {@code file} atomically; its directory must exist.
     *
     * @param file     the file to create or replace
     * @param what     what is written, for the error message (e.g. {@code "CSV series"})
     * @param contents writes the bytes
     * @throws KisoException naming the file if it cannot be written (nothing is left behind)
     */
    public static void write(Path file, String what, Contents contents) {
        write(file, what, contents, false);
    }

    /**
     * Like {@link #write(Path, String, Contents)}, but first creates the missing parent directories.
     *
     * @param file     the file to create or replace
     * @param what     what is written, for the error message
     * @param contents writes the bytes
     * @throws KisoException naming the file if it cannot be written
     */
    public static void writeCreatingParents(Path file, String what, Contents contents) {
        write(file, what, contents, true);
    }

    private static void write(Path file, String what, Contents contents, boolean createParents) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            if (createParents) {
                Files.createDirectories(target.getParent());
            }
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            contents.writeTo(tmp);
            try (FileChannel written = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            givePermissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw new KisoException("AtomicWrite: cannot write " + what + " to " + target + ": " + e, e);
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
        Set<PosixFilePermission> permissions = Files.isRegularFile(target)
                ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, permissions);
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }
}
