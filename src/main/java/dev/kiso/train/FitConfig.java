package dev.kiso.train;

import dev.kiso.KisoException;
import dev.kiso.data.BatchTransform;
import dev.kiso.data.Dataset;
import dev.kiso.nn.Loss;
import dev.kiso.nn.reg.Regularizer;
import dev.kiso.optim.LrSchedule;
import dev.kiso.optim.Optimizer;
import dev.kiso.optim.ReduceLrOnPlateau;
import dev.kiso.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * How to train: built with {@link #builder()}, then passed to {@code Sequential.fit}.
 *
 * <pre>{@code
 * FitConfig config = FitConfig.builder()
 *         .loss(new SoftmaxCrossEntropy())
 *         .optimizer(new Adam(1e-3))
 *         .epochs(10).batchSize(100).seed(7)
 *         .validationData(xVal, tVal)
 *         .earlyStopping(new EarlyStopping().patience(3).restoreBestWeights(true))
 *         .build();
 * }</pre>
 *
 * <p>Defaults: no regularizer, 1 epoch, batch size 32, shuffling on, seed 42, accuracy as the
 * only metric, no validation, constant learning rate, a progress bar on standard output.
 */
public final class FitConfig {

    final Loss loss;
    final Optimizer optimizer;
    final Regularizer regularizer;
    final int epochs;
    final int batchSize;
    final boolean shuffle;
    final boolean withReplacement;
    final long seed;
    final Dataset validation;
    final double validationFraction;
    final List<Metric> metrics;
    final EarlyStopping earlyStopping;
    final LrSchedule schedule;
    final ReduceLrOnPlateau plateau;
    final List<TrainingListener> listeners;
    final BatchTransform transform;
    final boolean quiet;

    private FitConfig(Builder b) {
        if (b.loss == null || b.optimizer == null) {
            throw new KisoException("FitConfig: " + (b.loss == null ? "loss" : "optimizer")
                    + " is required (builder().loss(...).optimizer(...))");
        }
        if (b.schedule != null && b.plateau != null) {
            throw new KisoException("FitConfig: choose either an LrSchedule or ReduceLrOnPlateau, not both");
        }
        if (b.validation != null && b.validationFraction > 0) {
            throw new KisoException("FitConfig: choose either validationData or validationFraction, not both");
        }
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.regularizer = b.regularizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.validation = b.validation;
        this.withReplacement = b.withReplacement;
        this.validationFraction = b.validationFraction;
        this.metrics = List.copyOf(b.metrics);
        this.earlyStopping = b.earlyStopping;
        this.schedule = b.schedule;
        this.plateau = b.plateau;
        this.listeners = List.copyOf(b.listeners);
        this.transform = b.transform;
        this.quiet = b.quiet;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the optimizer */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the loss */
    public Loss loss() {
        return loss;
    }

    /** @return the metrics reported besides the loss */
    public List<Metric> metrics() {
        return metrics;
    }

    /** Collects the settings of a {@link FitConfig}; each setter returns the builder. */
    public static final class Builder {
        private Loss loss;
        private Optimizer optimizer;
        private Regularizer regularizer = Regularizer.none();
        private int epochs = 1;
        private int batchSize = 32;
        private boolean shuffle = true;
        private long seed = 42L;
        private Dataset validation;
        private boolean withReplacement;
        private double validationFraction;
        private List<Metric> metrics = List.of(new Accuracy());
        private EarlyStopping earlyStopping;
        private LrSchedule schedule;
        private ReduceLrOnPlateau plateau;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private BatchTransform transform;
        private boolean quiet;

        private Builder() {
        }

        /**
         * @param loss the loss to minimize (required)
         * @return this
         */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * @param optimizer the optimizer (required); its learning rate at the start is η₀ for schedules
         * @return this
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * @param regularizer a penalty added to the loss and its gradient to the regularized parameters
         * @return this
         */
        public Builder regularizer(Regularizer regularizer) {
            this.regularizer = regularizer;
            return this;
        }

        /**
         * @param epochs passes over the training data, at least 1
         * @return this
         */
        public Builder epochs(int epochs) {
            this.epochs = positive("epochs", epochs);
            return this;
        }

        /**
         * @param batchSize samples per mini-batch, at least 1 (the last batch of an epoch may be smaller)
         * @return this
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = positive("batchSize", batchSize);
            return this;
        }

        /**
         * @param shuffle whether each epoch visits the samples in a fresh seeded random order
         * @return this
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Draws each batch with replacement, the course's sampler ({@code np.random.choice(N, B)}):
         * an epoch is then {@code max(N / B, 1)} batches and may repeat or skip samples.
         *
         * @return this
         */
        public Builder sampleWithReplacement() {
            this.withReplacement = true;
            return this;
        }

        /**
         * @param seed seeds the shuffling and the batch transform: same seed, same run
         * @return this
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param x validation inputs, same shape as the training inputs except the batch size
         * @param t validation targets
         * @return this
         */
        public Builder validationData(Tensor x, Tensor t) {
            if (x == null || t == null || x.rank() == 0 || t.rank() == 0 || x.shape(0) != t.shape(0)) {
                throw new KisoException("FitConfig.validationData: inputs and targets must be batch first with the"
                        + " same count, got " + (x == null ? null : java.util.Arrays.toString(x.shape())) + " and "
                        + (t == null ? null : java.util.Arrays.toString(t.shape())));
            }
            return validationData(new Dataset(x, t));
        }

        /**
         * @param validation the validation set
         * @return this
         */
        public Builder validationData(Dataset validation) {
            this.validation = validation;
            return this;
        }

        /**
         * Holds out the <em>last</em> fraction of the training samples (before any shuffling, as
         * Keras's validation_split) as validation data.
         *
         * @param fraction in (0, 1)
         * @return this
         */
        public Builder validationFraction(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new KisoException("FitConfig: validationFraction must be in (0, 1), got " + fraction);
            }
            this.validationFraction = fraction;
            return this;
        }

        /**
         * @param metrics the metrics reported besides the loss (default: accuracy; none for regression)
         * @return this
         */
        public Builder metrics(Metric... metrics) {
            this.metrics = List.of(metrics);
            return this;
        }

        /**
         * @param earlyStopping when to stop, and whether to restore the best weights
         * @return this
         */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * @param schedule the learning rate per epoch
         * @return this
         */
        public Builder schedule(LrSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * @param plateau lowers the learning rate when its monitored metric stops improving
         * @return this
         */
        public Builder reduceLrOnPlateau(ReduceLrOnPlateau plateau) {
            this.plateau = plateau;
            return this;
        }

        /**
         * @param listener called at epoch and batch boundaries (may be given several times)
         * @return this
         */
        public Builder listener(TrainingListener listener) {
            this.listeners.add(listener);
            return this;
        }

        /**
         * @param transform applied to each training batch before the forward pass (augmentation,
         *                  e.g. {@code new RandomCrop(28, 28, 2)}), with its own generator seeded from the seed
         * @return this
         */
        public Builder batchTransform(BatchTransform transform) {
            this.transform = transform;
            return this;
        }

        /**
         * Turns off the progress bar on standard output.
         *
         * @return this
         */
        public Builder quiet() {
            this.quiet = true;
            return this;
        }

        /** @return the configuration */
        public FitConfig build() {
            return new FitConfig(this);
        }

        private static int positive(String what, int value) {
            if (value < 1) {
                throw new KisoException("FitConfig: " + what + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
