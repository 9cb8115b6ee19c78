package dev.kiso;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicWriteTest {

    @TempDir
    Path dir;

    private void assertOnlyFiles(Path... expected) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).containsExactlyInAnyOrder(expected);
        }
    }

    @Test
    void writesTheContentsAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicWrite.write(file, "text", tmp -> Files.writeString(tmp, "hello"));
        AtomicWrite.write(file, "text", tmp -> Files.writeString(tmp, "again"));
        assertThat(Files.readString(file)).isEqualTo("again");
        assertOnlyFiles(file);
    }

    @Test
    void failedWriteLeavesNothingBehindAndKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("keep.csv");
        Files.writeString(file, "old");
        assertThatThrownBy(() -> AtomicWrite.write(file, "CSV series", tmp -> {
            Files.writeString(tmp, "half of the ne");
            throw new IOException("disk full");
        })).isInstanceOf(KisoException.class).hasMessageContaining("keep.csv").hasMessageContaining("CSV series")
                .hasMessageContaining("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        assertOnlyFiles(file);
    }

    @Test
    void writeNeedsTheDirectoryAndWriteCreatingParentsMakesIt() throws IOException {
        Path file = dir.resolve("sub").resolve("deeper").resolve("a.txt");
        assertThatThrownBy(() -> AtomicWrite.write(file, "text", tmp -> Files.writeString(tmp, "x")))
                .isInstanceOf(KisoException.class).hasMessageContaining("a.txt");
        assertThat(Files.exists(dir.resolve("sub"))).isFalse();
        AtomicWrite.writeCreatingParents(file, "text", tmp -> Files.writeString(tmp, "x"));
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void newFilesAreReadableByAllAndReplacedFilesKeepTheirPermissions() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class));
        Path fresh = dir.resolve("fresh.csv");
        AtomicWrite.write(fresh, "text", tmp -> Files.writeString(tmp, "new"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
        Path owned = dir.resolve("owned.csv");
        Files.writeString(owned, "old");
        Files.setPosixFilePermissions(owned, PosixFilePermissions.fromString("rw-rw----"));
        AtomicWrite.write(owned, "text", tmp -> Files.writeString(tmp, "new"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(owned))).isEqualTo("rw-rw----");
        assertThat(Files.readString(owned)).isEqualTo("new");
    }
}
