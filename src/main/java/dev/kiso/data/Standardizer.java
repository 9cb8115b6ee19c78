package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * Per-feature standardisation: {@code x' = (x - mean) / std}, with the mean and the (population)
 * standard deviation of each feature measured on the training data and then applied unchanged to
 * validation and test data. A feature that never varies (std 0, like a border pixel that is always
 * black) is only centred (its std is taken as 1), as scikit-learn's {@code StandardScaler} does.
 */
public final class Standardizer {

    private final int[] exampleShape;
    private final float[] mean;
    private final float[] std;

    private Standardizer(int[] exampleShape, float[] mean, float[] std) {
        this.exampleShape = exampleShape;
        this.mean = mean;
        this.std = std;
    }

    /**
     * Measures the mean and standard deviation of every feature (every input element) over the
     * examples.
     *
     * @param train the data to measure (not empty)
     * @return the standardizer
     */
    public static Standardizer fit(Dataset train) {
        int n = train.size();
        if (n == 0) {
            throw new KisoException("Standardizer.fit: the dataset is empty");
        }
        Tensor x = train.inputs().contiguous();
        float[] data = x.data();
        int base = x.offset();
        int features = train.exampleSize();
        double[] sum = new double[features];
        for (int i = 0; i < n; i++) {
            int row = base + i * features;
            for (int j = 0; j < features; j++) {
                sum[j] += data[row + j];
            }
        }
        float[] mean = new float[features];
        double[] sq = new double[features];
        for (int j = 0; j < features; j++) {
            mean[j] = (float) (sum[j] / n);
        }
        for (int i = 0; i < n; i++) {
            int row = base + i * features;
            for (int j = 0; j < features; j++) {
                double d = data[row + j] - sum[j] / n;
                sq[j] += d * d;
            }
        }
        float[] std = new float[features];
        for (int j = 0; j < features; j++) {
            double s = Math.sqrt(sq[j] / n);
            std[j] = s == 0 ? 1f : (float) s;
        }
        return new Standardizer(train.exampleShape(), mean, std);
    }

    /** @return the mean of each feature, shape of one example */
    public Tensor mean() {
        return Tensor.of(mean.clone(), exampleShape);
    }

    /** @return the standard deviation of each feature (1 where it was 0), shape of one example */
    public Tensor std() {
        return Tensor.of(std.clone(), exampleShape);
    }

    /**
     * Standardises a dataset with the measured statistics.
     *
     * @param data examples of the same shape as the training data
     * @return a new dataset with standardised inputs and the same targets
     */
    public Dataset apply(Dataset data) {
        return data.withInputs(apply(data.inputs()));
    }

    /**
     * Standardises a batch of inputs with the measured statistics.
     *
     * @param x inputs {@code [N, ...]}, each example of the training data's shape
     * @return a new tensor of the same shape
     */
    public Tensor apply(Tensor x) {
        int[] shape = x.shape();
        if (x.rank() < 1 || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), exampleShape)) {
            throw new KisoException("Standardizer: expected inputs [N, " + Arrays.toString(exampleShape).substring(1)
                    + " but got " + Arrays.toString(shape));
        }
        float[] out = x.toArray();
        int features = mean.length;
        for (int i = 0; i < shape[0]; i++) {
            int row = i * features;
            for (int j = 0; j < features; j++) {
                out[row + j] = (out[row + j] - mean[j]) / std[j];
            }
        }
        return Tensor.of(out, shape);
    }
}
