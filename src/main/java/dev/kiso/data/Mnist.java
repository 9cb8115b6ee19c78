package dev.kiso.data;

import dev.kiso.KisoException;

import java.nio.file.Path;
import java.util.List;

/**
 * MNIST (LeCun, Cortes and Burges): 70,000 greyscale 28×28 images of handwritten digits,
 * 60,000 for training and 10,000 for testing.
 *
 * <p>Images come as {@code [N, 1, 28, 28]} float32 in {@code [0, 1]} (bytes divided by 255) and
 * labels as {@code 0..9} (the digit itself; see {@link #CLASS_NAMES}). The files are looked for in: the directory
 * given to {@link #load(Path)}; {@code $KISO_DATA/mnist} (a data root like {@code ./data});
 * {@code ./data/mnist}; {@code /usr/share/datasets/mnist}.
 */
public final class Mnist {

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final String DIRECTORY = "mnist";

    private Mnist() {
    }

    /**
     * Loads the training and test sets from the first place on the search path that has them.
     *
     * @return the data
     * @throws KisoException listing every place looked in, if none has the four files
     */
    public static TrainTest load() {
        return load(null);
    }

    /**
     * Loads the training and test sets, looking first in {@code directory}, then on the search path.
     *
     * @param directory where the four IDX files are (null to use only the search path)
     * @return the data
     * @throws KisoException listing every place looked in, if none has the four files
     */
    public static TrainTest load(Path directory) {
        return MnistFiles.load("MNIST", DIRECTORY, directory, CLASS_NAMES);
    }
}
