package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.kiso.data.IdxFiles.gzip;
import static dev.kiso.data.IdxFiles.idx;
import static dev.kiso.data.IdxFiles.images;
import static dev.kiso.data.IdxFiles.labels;
import static dev.kiso.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The IDX reader on small synthetic files, good and bad, raw and gzip. */
class IdxTest {

    @TempDir
    Path dir;

    @Test
    void readsRawImagesScaledToUnitRange() throws IOException {
        Tensor x = Idx.readImages(write(dir.resolve("img"), images(3, 2, 4)));
        assertThat(x.shape()).containsExactly(3, 1, 2, 4);
        float[] v = x.toArray();
        for (int k = 0; k < v.length; k++) {
            assertThat(v[k]).isEqualTo((float) (k % 256) / 255f);
        }
    }

    @Test
    void readsAllByteValuesUnsigned() throws IOException {
        Tensor x = Idx.readImages(write(dir.resolve("img"), images(1, 16, 16)));
        float[] v = x.toArray();
        assertThat(v[0]).isZero();
        assertThat(v[255]).isEqualTo(1f);
        assertThat(v[128]).isEqualTo(128 / 255f);
        assertThat(Idx.readLabels(write(dir.resolve("lab"), labels(0, 9, 200, 255)))).containsExactly(0, 9, 200, 255);
    }

    @Test
    void detectsGzipByMagicBytesNotByName() throws IOException {
        byte[] raw = images(2, 3, 3);
        Tensor a = Idx.readImages(write(dir.resolve("a-images.gz"), raw));        // raw, misleading name
        Tensor b = Idx.readImages(write(dir.resolve("b-images"), gzip(raw)));      // gzip, no .gz
        assertThat(b.toArray()).containsExactly(a.toArray());
        assertThat(Idx.readLabels(write(dir.resolve("l"), gzip(labels(1, 2, 3))))).containsExactly(1, 2, 3);
    }

    @Test
    void readsAnEmptyFile() throws IOException {
        assertThat(Idx.readLabels(write(dir.resolve("l"), labels()))).isEmpty();
        assertThat(Idx.readImages(write(dir.resolve("i"), images(0, 28, 28))).shape()).containsExactly(0, 1, 28, 28);
    }

    private void rejects(Path file, boolean images, String... parts) {
        assertThatThrownBy(() -> {
            if (images) {
                Idx.readImages(file);
            } else {
                Idx.readLabels(file);
            }
        }).isInstanceOf(KisoException.class).hasMessageContaining(file.toString()).hasMessageContainingAll(parts);
    }

    @Test
    void rejectsMissingFile() {
        rejects(dir.resolve("none"), true, "no such file");
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        byte[] b = images(1, 2, 2);
        b[0] = 0x42;
        rejects(write(dir.resolve("x"), b), true, "not an IDX file", "42 00 08 03");
    }

    @Test
    void rejectsOtherElementTypes() throws IOException {
        rejects(write(dir.resolve("x"), idx(0x0D, new int[] {1, 1, 1}, new byte[4])), true,
                "element type 0x0d is not supported");
    }

    @Test
    void rejectsWrongRank() throws IOException {
        rejects(write(dir.resolve("lab"), labels(1, 2)), true, "expected an idx3 file", "has 1", "label file?");
        rejects(write(dir.resolve("img"), images(1, 2, 2)), false, "expected an idx1 file", "has 3");
    }

    @Test
    void rejectsTruncatedFiles() throws IOException {
        rejects(write(dir.resolve("a"), new byte[] {0, 0}), true, "truncated", "magic number");
        byte[] header = Arrays.copyOf(images(1, 2, 2), 10);
        rejects(write(dir.resolve("b"), header), true, "truncated", "dimensions");
        byte[] data = images(3, 2, 2);
        rejects(write(dir.resolve("c"), Arrays.copyOf(data, data.length - 1)), true,
                "truncated", "[3, 2, 2] need 12 bytes", "holds only 11");
        rejects(write(dir.resolve("d"), Arrays.copyOf(gzip(data), 20)), true, "truncated");
    }

    @Test
    void rejectsTrailingGarbage() throws IOException {
        byte[] data = images(1, 2, 2);
        rejects(write(dir.resolve("x"), Arrays.copyOf(data, data.length + 3)), true, "trailing bytes");
        rejects(write(dir.resolve("y"), gzip(Arrays.copyOf(data, data.length + 1))), true, "trailing bytes");
    }

    @Test
    void rejectsInvalidDimensions() throws IOException {
        rejects(write(dir.resolve("x"), idx(0x08, new int[] {1, 0, 2}, new byte[0])), true, "invalid dimension 0");
        rejects(write(dir.resolve("y"), idx(0x08, new int[] {-1}, new byte[0])), false, "invalid dimension 4294967295");
        rejects(write(dir.resolve("z"), idx(0x08, new int[] {100000, 1000, 1000}, new byte[0])), true,
                "more values than a Java array");
    }
}
