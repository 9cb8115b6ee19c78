package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds and loads the four IDX files that MNIST and Fashion-MNIST share the layout of:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}
 * and {@code t10k-labels-idx1-ubyte}, each gzip-compressed ({@code .gz}) or raw.
 *
 * <p>The directories tried, in order: the explicit path (if any); {@code $KISO_DATA/<name>}
 * ({@code KISO_DATA} is a data root like {@code ./data}: one folder per data set, so that MNIST
 * and Fashion-MNIST, whose files have the same names, are never mistaken for each other);
 * {@code ./data/<name>}; {@code /usr/share/datasets/<name>}.
 */
final class MnistFiles {

    private static final String[] STEMS = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    };

    private MnistFiles() {
    }

    /**
     * The directories to try, in order, without duplicates.
     *
     * @param name     the data set's directory name, e.g. {@code fashion-mnist}
     * @param explicit a directory the user named, or null
     * @param kisoData the value of {@code KISO_DATA}, or null
     * @return the candidates
     */
    static List<Path> searchPath(String name, Path explicit, String kisoData) {
        Set<Path> dirs = new LinkedHashSet<>();
        if (explicit != null) {
            dirs.add(explicit);
        }
        if (kisoData != null && !kisoData.isBlank()) {
            dirs.add(Path.of(kisoData, name));
        }
        dirs.add(Path.of("data", name));
        dirs.add(Path.of("/usr/share/datasets", name));
        return new ArrayList<>(dirs);
    }

    /**
     * Loads from the first directory of the search path that holds all four files.
     *
     * @param title      the data set's name for messages, e.g. {@code Fashion-MNIST}
     * @param name       its directory name, e.g. {@code fashion-mnist}
     * @param explicit   a directory the user named, or null
     * @param classNames the class names, indexed by label
     * @return the training and test sets
     */
    static TrainTest load(String title, String name, Path explicit, List<String> classNames) {
        return load(title, searchPath(name, explicit, System.getenv("KISO_DATA")), classNames);
    }

    /**
     * Loads from the first of the given directories that holds all four files.
     *
     * @param title      the data set's name for messages, e.g. {@code Fashion-MNIST}
     * @param dirs       the directories to try
     * @param classNames the class names, indexed by label
     * @return the training and test sets
     * @throws KisoException listing every directory tried, if none holds the files
     */
    static TrainTest load(String title, List<Path> dirs, List<String> classNames) {
        for (Path dir : dirs) {
            Path[] files = find(dir);
            if (files != null) {
                Dataset train = dataset(files[0], files[1], classNames.size());
                Dataset test = dataset(files[2], files[3], classNames.size());
                return new TrainTest(train, test, classNames, dir);
            }
        }
        StringBuilder sb = new StringBuilder(title + ": the files were not found. Looked for ");
        sb.append(String.join(", ", STEMS)).append(" (each .gz or raw) in:");
        for (Path dir : dirs) {
            sb.append("\n  ").append(dir.toAbsolutePath()).append(Files.isDirectory(dir) ? " (incomplete)" : " (no such directory)");
        }
        sb.append("\nPass the directory explicitly, or set KISO_DATA to the folder that contains it.");
        throw new KisoException(sb.toString());
    }

    /** The four files in {@code dir} (preferring {@code .gz}), or null if any is missing. */
    private static Path[] find(Path dir) {
        Path[] files = new Path[STEMS.length];
        for (int i = 0; i < STEMS.length; i++) {
            Path gz = dir.resolve(STEMS[i] + ".gz");
            Path raw = dir.resolve(STEMS[i]);
            files[i] = Files.isRegularFile(gz) ? gz : Files.isRegularFile(raw) ? raw : null;
            if (files[i] == null) {
                return null;
            }
        }
        return files;
    }

    /** Reads an image file and its label file and checks that they agree. */
    static Dataset dataset(Path imageFile, Path labelFile, int classes) {
        Tensor images = Idx.readImages(imageFile);
        int[] labels = Idx.readLabels(labelFile);
        if (images.shape(0) != labels.length) {
            throw new KisoException(imageFile + " holds " + images.shape(0) + " images but " + labelFile
                    + " holds " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classes) {
                throw new KisoException(labelFile + ": label " + labels[i] + " of example " + i
                        + " is outside 0.." + (classes - 1));
            }
        }
        return new Dataset(images, labels);
    }
}
