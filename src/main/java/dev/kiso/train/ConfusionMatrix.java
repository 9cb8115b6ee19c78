package dev.kiso.train;

import dev.kiso.KisoException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (actual class, predicted class) pairs: entry {@code [a][p]} is how many samples of
 * class {@code a} the model called {@code p}. The diagonal holds the correct answers, so the
 * accuracy is the diagonal's sum over the total, and a class's accuracy (its recall) is its
 * diagonal entry over its row's sum.
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(test.labels(), model.predictClasses(test.inputs()), data.classNames());
 * System.out.println(cm.accuracy());   // 0.9012
 * System.out.println(cm);              // the table, with each class's accuracy
 * }</pre>
 */
public final class ConfusionMatrix {
    private final List<String> classNames;
    private final long[][] counts;

    /**
     * An empty matrix for classes with these names.
     *
     * @param classNames one name per class, in class-index order (at least one)
     */
    public ConfusionMatrix(List<String> classNames) {
        if (classNames == null || classNames.isEmpty()) {
            throw new KisoException("ConfusionMatrix: need at least one class name, got " + classNames);
        }
        this.classNames = List.copyOf(classNames);
        this.counts = new long[classNames.size()][classNames.size()];
    }

    /**
     * An empty matrix for {@code classes} classes named by their index.
     *
     * @param classes the number of classes
     */
    public ConfusionMatrix(int classes) {
        this(indexNames(classes));
    }

    private static List<String> indexNames(int classes) {
        if (classes < 1) {
            throw new KisoException("ConfusionMatrix: need at least one class, got " + classes);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    /**
     * The matrix of actual against predicted labels.
     *
     * @param actual     the true class of each sample
     * @param predicted  the predicted class of each sample, same length
     * @param classNames one name per class
     * @return the filled matrix
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted, List<String> classNames) {
        ConfusionMatrix cm = new ConfusionMatrix(classNames);
        cm.addAll(actual, predicted);
        return cm;
    }

    /**
     * Counts one sample.
     *
     * @param actual    its true class
     * @param predicted the class the model gave it
     */
    public void add(int actual, int predicted) {
        int k = classes();
        if (actual < 0 || actual >= k || predicted < 0 || predicted >= k) {
            throw new KisoException("ConfusionMatrix.add: classes must be in [0, " + k + "), got actual " + actual
                    + ", predicted " + predicted);
        }
        counts[actual][predicted]++;
    }

    /**
     * Counts many samples.
     *
     * @param actual    the true classes
     * @param predicted the predicted classes, same length
     */
    public void addAll(int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new KisoException("ConfusionMatrix.addAll: " + actual.length + " actual labels but "
                    + predicted.length + " predictions");
        }
        for (int i = 0; i < actual.length; i++) {
            add(actual[i], predicted[i]);
        }
    }

    /** @return the number of classes */
    public int classes() {
        return classNames.size();
    }

    /** @return the class names, in class-index order */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * @param actual    a true class
     * @param predicted a predicted class
     * @return how many samples of {@code actual} were predicted as {@code predicted}
     */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** @return the number of samples counted */
    public long total() {
        long sum = 0;
        for (long[] row : counts) {
            for (long v : row) {
                sum += v;
            }
        }
        return sum;
    }

    /** @return the fraction of samples on the diagonal, or NaN when empty */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < classes(); c++) {
            correct += counts[c][c];
        }
        return (double) correct / total();
    }

    /**
     * @param c a class
     * @return the fraction of class {@code c}'s samples predicted as {@code c} (its recall), or NaN if it has none
     */
    public double classAccuracy(int c) {
        long row = 0;
        for (long v : counts[c]) {
            row += v;
        }
        return (double) counts[c][c] / row;
    }

    /**
     * The table: one row per actual class (its name and index), one column per predicted class
     * (its index), and each class's accuracy at the end of its row.
     *
     * @return the table, lines separated by {@code \n}
     */
    @Override
    public String toString() {
        int nameWidth = "actual \\ predicted".length();
        for (int c = 0; c < classes(); c++) {
            nameWidth = Math.max(nameWidth, (c + " " + classNames.get(c)).length());
        }
        int cell = Math.max(4, Long.toString(maxCount()).length() + 1);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s", "actual \\ predicted"));
        for (int c = 0; c < classes(); c++) {
            sb.append(String.format(Locale.ROOT, "%" + cell + "d", c));
        }
        sb.append("   accuracy\n");
        for (int a = 0; a < classes(); a++) {
            sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", a + " " + classNames.get(a)));
            for (int p = 0; p < classes(); p++) {
                sb.append(String.format(Locale.ROOT, "%" + cell + "d", counts[a][p]));
            }
            sb.append(String.format(Locale.ROOT, "   %8.4f\n", classAccuracy(a)));
        }
        sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", "all " + total() + " samples"));
        sb.append(" ".repeat(cell * classes())).append(String.format(Locale.ROOT, "   %8.4f", accuracy()));
        return sb.toString();
    }

    private long maxCount() {
        long max = 0;
        for (long[] row : counts) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        return max;
    }
}
