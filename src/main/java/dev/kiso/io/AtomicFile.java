package dev.kiso.io;

import dev.kiso.KisoException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that it is either all there or not there at all: the bytes go to a temporary
 * file in the same directory, are forced to disk, and the temporary file is then renamed over the
 * target. If anything fails, the temporary file is deleted and the target is left as it was.
 */
final class AtomicFile {

    /** What writes the contents, given a channel positioned at byte 0 of the temporary file. */
    interface Contents {
        /**
         * @param out the channel to write to
         * @throws IOException if writing fails
         */
        void writeTo(FileChannel out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target   the file to create or replace
     * @param contents writes the bytes
     * @throws KisoException naming the file if it cannot be written (nothing is left behind)
     */
    static void write(Path target, Contents contents) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                contents.writeTo(out);
                out.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new KisoException(target + ": cannot write the file: " + e, e);
        } finally {
            deleteQuietly(tmp);
        }
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
