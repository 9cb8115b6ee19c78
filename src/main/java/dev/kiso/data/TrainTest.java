package dev.kiso.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A data set's training and test parts, as loaded by {@link FashionMnist} or {@link Mnist}, with
 * the names of its classes and the directory the files came from.
 */
public final class TrainTest {

    private final Dataset train;
    private final Dataset test;
    private final List<String> classNames;
    private final Path directory;

    /**
     * A training and a test set, for example subsets of a loaded dataset for a quick run.
     *
     * @param train      the training examples
     * @param test       the test examples
     * @param classNames the name of each class, indexed by label
     * @param directory  where the files came from
     */
    public TrainTest(Dataset train, Dataset test, List<String> classNames, Path directory) {
        this.train = train;
        this.test = test;
        this.classNames = List.copyOf(classNames);
        this.directory = directory;
    }

    /** @return the training examples */
    public Dataset train() {
        return train;
    }

    /** @return the test examples */
    public Dataset test() {
        return test;
    }

    /** @return the name of each class, indexed by label */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the directory the files were read from */
    public Path directory() {
        return directory;
    }

    /** @return e.g. {@code TrainTest(train=Dataset(60000 ...), test=Dataset(10000 ...), from data/fashion-mnist)} */
    @Override
    public String toString() {
        return "TrainTest(train=" + train + ", test=" + test + ", from " + directory + ")";
    }
}
