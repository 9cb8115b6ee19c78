package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.kiso.data.IdxFiles.gzip;
import static dev.kiso.data.IdxFiles.images;
import static dev.kiso.data.IdxFiles.labels;
import static dev.kiso.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding and loading the four MNIST-layout files, on synthetic directories and on the bundled data. */
class MnistFilesTest {

    @TempDir
    Path dir;

    /** The bundled data, found from the project root (Maven's basedir) whatever the working directory. */
    static Path bundled() {
        return Path.of(System.getProperty("basedir", ".")).resolve("data/fashion-mnist");
    }

    private void synthetic(Path d, int trainImages, int trainLabels) throws IOException {
        Files.createDirectories(d);
        write(d.resolve("train-images-idx3-ubyte.gz"), gzip(images(trainImages, 4, 4)));
        write(d.resolve("train-labels-idx1-ubyte"), labels(new int[trainLabels]));
        write(d.resolve("t10k-images-idx3-ubyte"), images(2, 4, 4));
        write(d.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(3, 9)));
    }

    @Test
    void searchPathOrder() {
        assertThat(MnistFiles.searchPath("fashion-mnist", Path.of("/my/dir"), "/root"))
                .containsExactly(Path.of("/my/dir"), Path.of("/root/fashion-mnist"), Path.of("data/fashion-mnist"),
                        Path.of("/usr/share/datasets/fashion-mnist"));
        assertThat(MnistFiles.searchPath("mnist", null, null))
                .containsExactly(Path.of("data/mnist"), Path.of("/usr/share/datasets/mnist"));
    }

    @Test
    void loadsFromTheFirstCompleteDirectoryMixingGzipAndRaw() throws IOException {
        Path incomplete = dir.resolve("incomplete");
        Files.createDirectories(incomplete);
        write(incomplete.resolve("train-images-idx3-ubyte"), images(1, 4, 4));
        Path good = dir.resolve("good");
        synthetic(good, 5, 5);
        TrainTest data = MnistFiles.load("Test", java.util.List.of(dir.resolve("missing"), incomplete, good),
                FashionMnist.CLASS_NAMES);
        assertThat(data.directory()).isEqualTo(good);
        assertThat(data.train().size()).isEqualTo(5);
        assertThat(data.test().labels()).containsExactly(3, 9);
        assertThat(data.test().inputs().shape()).containsExactly(2, 1, 4, 4);
        assertThat(data.classNames()).hasSize(10);
    }

    @Test
    void notFoundListsEveryPlaceLooked() throws IOException {
        Path missing = dir.resolve("a");
        Path incomplete = dir.resolve("b");
        Files.createDirectories(incomplete);
        write(incomplete.resolve("train-images-idx3-ubyte"), images(1, 4, 4));
        assertThatThrownBy(() -> MnistFiles.load("Fashion-MNIST", java.util.List.of(missing, incomplete),
                FashionMnist.CLASS_NAMES))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("Fashion-MNIST: the files were not found")
                .hasMessageContaining(missing.toAbsolutePath() + " (no such directory)")
                .hasMessageContaining(incomplete.toAbsolutePath() + " (incomplete)")
                .hasMessageContaining("train-labels-idx1-ubyte")
                .hasMessageContaining("KISO_DATA");
    }

    @Test
    void rejectsCountMismatchBetweenImagesAndLabels() throws IOException {
        synthetic(dir, 5, 4);
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(KisoException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz holds 5 images but")
                .hasMessageContaining("train-labels-idx1-ubyte holds 4 labels");
    }

    @Test
    void rejectsLabelsOutsideTheClasses() throws IOException {
        Path img = write(dir.resolve("i"), images(2, 2, 2));
        Path lab = write(dir.resolve("l"), labels(1, 10));
        assertThatThrownBy(() -> MnistFiles.dataset(img, lab, 10)).isInstanceOf(KisoException.class)
                .hasMessageContaining("label 10 of example 1 is outside 0..9");
    }

    @Test
    void loadsTheBundledFashionMnist() {
        TrainTest data = FashionMnist.load(bundled());
        assertThat(data.directory()).isEqualTo(bundled());
        checkSplit(data.train(), 60_000);
        checkSplit(data.test(), 10_000);
        assertThat(data.classNames()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    }

    /** Fashion-MNIST is balanced: each of the 10 classes has a tenth of the examples. */
    private static void checkSplit(Dataset d, int n) {
        assertThat(d.size()).isEqualTo(n);
        Tensor x = d.inputs();
        assertThat(x.shape()).containsExactly(n, 1, 28, 28);
        int[] counts = new int[10];
        for (int label : d.labels()) {
            counts[label]++;
        }
        assertThat(counts).containsOnly(n / 10);
        assertThat(x.isContiguous()).isTrue();
        float[] v = x.data();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = x.offset(); i < x.offset() + x.size(); i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(1f);
    }
}
