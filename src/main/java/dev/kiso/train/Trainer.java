package dev.kiso.train;

import dev.kiso.KisoException;
import dev.kiso.data.Batch;
import dev.kiso.data.Batches;
import dev.kiso.data.Dataset;
import dev.kiso.nn.Layer;
import dev.kiso.nn.Loss;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.Softmax;
import dev.kiso.optim.Optimizer;
import dev.kiso.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The training loop behind {@code Sequential.fit}, and batched evaluation and prediction.
 *
 * <pre>
 * for each epoch:
 *     η ← schedule(epoch)                               (if a schedule is set)
 *     for each mini-batch (x, t) of a fresh seeded permutation:
 *         y = model.forward(x, training)                 stop if y has a NaN or ∞
 *         L = loss(y, t) + R(w)                          (R = the regularizer's penalty)
 *         stop if L is NaN or ∞
 *         model.backward(∂loss/∂y); g += ∂R/∂w; optimizer.step
 *         stop if a parameter became NaN or ∞
 *     (on a stop, the weights and buffers from before the step are put back)
 *     validate; record the epoch in the History; early stopping; reduce-on-plateau
 * restore the best weights (early stopping with restoreBestWeights)
 * </pre>
 *
 * <p>Same seed, same data and same initial weights give bit-identical weights after training.
 */
public final class Trainer {

    /** Batch size used by {@link #predict} and {@link #predictClasses} when none is given. */
    public static final int DEFAULT_EVAL_BATCH = 256;

    /** Softmax in evaluation mode keeps no state, so one instance serves every call. */
    private static final Softmax SOFTMAX = new Softmax();

    private final Layer model;
    private final FitConfig c;
    private final List<Parameter> params;
    private final String[] paramNames;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final ModelSnapshot lastGood;
    private long step;

    private Trainer(Layer model, FitConfig config) {
        this.model = model;
        this.c = config;
        this.params = model.parameters();
        this.paramNames = qualifiedNames(model, params);
        this.lastGood = new ModelSnapshot(model);
        if (!config.quiet) {
            listeners.add(ProgressBar.onStandardOutput());
        }
        listeners.addAll(config.listeners);
    }

    /**
     * Trains a model on in-memory tensors.
     *
     * @param model  the model, trained in place
     * @param x      training inputs, batch first ({@code [N, ...]})
     * @param t      training targets ({@code [N]} class indices, or {@code [N, ...]})
     * @param config how to train
     * @return one row per epoch run
     * @throws TrainingDivergedException if the loss or a parameter becomes NaN or infinite
     */
    public static History fit(Layer model, Tensor x, Tensor t, FitConfig config) {
        checkPair("fit", x, t);
        return fit(model, new Dataset(x, t), config);
    }

    /**
     * Trains a model on a dataset.
     *
     * @param model  the model, trained in place
     * @param data   the training set
     * @param config how to train
     * @return one row per epoch run
     * @throws TrainingDivergedException if the loss or a parameter becomes NaN or infinite
     */
    public static History fit(Layer model, Dataset data, FitConfig config) {
        Dataset train = data;
        Dataset validation = config.validation;
        if (config.validationFraction > 0) {
            int n = data.size();
            int nVal = (int) Math.round(n * config.validationFraction);
            if (nVal < 1 || nVal >= n) {
                throw new KisoException("fit: validationFraction " + config.validationFraction + " of " + n
                        + " samples leaves no training or no validation samples");
            }
            int[] tail = new int[nVal];
            for (int i = 0; i < nVal; i++) {
                tail[i] = n - nVal + i;
            }
            train = data.first(n - nVal);
            validation = data.select(tail);
        }
        if (train.size() == 0) {
            throw new KisoException("fit: the training set is empty");
        }
        return new Trainer(model, config).run(train, validation);
    }

    private History run(Dataset train, Dataset validation) {
        checkMonitors(validation != null);
        Tensor xVal = validation == null ? null : validation.inputs();
        Tensor tVal = validation == null ? null : validation.targets();
        Optimizer optimizer = c.optimizer;
        double baseLr = optimizer.learningRate();
        Batches batches = sampler(train, new Random(c.seed));
        if (c.transform != null) {
            batches = batches.augmented(c.transform, new Random(c.seed + 0x9E3779B97F4A7C15L));
        }
        History history = new History();
        EarlyStopping es = c.earlyStopping;
        if (es != null) {
            es.onTrainBegin(model);
        }
        if (c.plateau != null) {
            c.plateau.reset();
        }
        listeners.forEach(l -> l.onTrainBegin(c.epochs, train.size()));
        for (int epoch = 0; epoch < c.epochs; epoch++) {
            if (c.schedule != null) {
                optimizer.setLearningRate(c.schedule.rate(epoch, baseLr));
            }
            double lr = optimizer.learningRate();
            long start = System.nanoTime();
            Map<String, Double> logs = trainEpoch(epoch, batches);
            if (xVal != null) {
                Evaluation val = evaluate(model, xVal, tVal, c.loss, c.metrics, c.batchSize);
                logs.put("val_loss", val.loss());
                val.metrics().forEach((name, value) -> logs.put("val_" + name, value));
            }
            logs.put("lr", lr);
            logs.put("seconds", (System.nanoTime() - start) / 1e9);
            history.add(logs);
            int e = epoch;
            listeners.forEach(l -> l.onEpochEnd(e, logs));
            if (c.plateau != null) {
                c.plateau.step(logs.get(c.plateau.monitor()), optimizer);
            }
            if (es != null && es.onEpochEnd(epoch, logs)) {
                break;
            }
        }
        if (es != null) {
            es.onTrainEnd();
            history.setEarlyStopping(es.bestEpoch(), es.stoppedEpoch());
        }
        listeners.forEach(l -> l.onTrainEnd(history));
        return history;
    }

    private Batches sampler(Dataset train, Random rng) {
        if (c.withReplacement) {
            return Batches.withReplacement(train, c.batchSize, rng);
        }
        return c.shuffle ? Batches.shuffled(train, c.batchSize, rng) : Batches.inOrder(train, c.batchSize);
    }

    /** One pass over the training data; returns the running means (loss, metrics). */
    private Map<String, Double> trainEpoch(int epoch, Batches batches) {
        int count = batches.batchesPerEpoch();
        listeners.forEach(l -> l.onEpochBegin(epoch, count));
        double lossSum = 0;
        double[] metricSums = new double[c.metrics.size()];
        int seen = 0;
        int b = 0;
        for (Batch batch : batches) {
            int index = b++;
            listeners.forEach(l -> l.onBatchBegin(epoch, index));
            int n = batch.size();
            if (batch.x().rank() == 0 || batch.x().shape(0) != n) {
                throw new KisoException("fit: the batch transform must keep the batch size " + n
                        + ", returned shape " + Arrays.toString(batch.x().shape()));
            }
            float loss = trainStep(epoch, batch.x(), batch.t(), metricSums);
            lossSum += (double) loss * n;
            seen += n;
            Map<String, Double> running = means(lossSum, metricSums, seen);
            int samplesSeen = seen;
            listeners.forEach(l -> l.onBatchEnd(epoch, index, samplesSeen, running));
        }
        return means(lossSum, metricSums, seen);
    }

    /** Forward, loss, backward, update for one batch, guarded against divergence; returns the loss. */
    private float trainStep(int epoch, Tensor x, Tensor t, double[] metricSums) {
        step++;
        lastGood.capture();
        Tensor y = model.forward(x, true).contiguous();
        int bad = firstNonFinite(y);
        if (bad >= 0) {
            throw diverged(epoch, "output", y.data()[y.offset() + bad]);
        }
        double loss = c.loss.forward(y, t) + c.regularizer.penalty(params);
        if (!Double.isFinite(loss)) {
            throw diverged(epoch, "loss", (float) loss);
        }
        for (int m = 0; m < metricSums.length; m++) {
            metricSums[m] += c.metrics.get(m).sum(y, t);
        }
        model.backward(c.loss.backward());
        c.regularizer.addGradients(params);
        c.optimizer.step(params);
        for (int i = 0; i < params.size(); i++) {
            Tensor w = params.get(i).value();
            bad = firstNonFinite(w);
            if (bad >= 0) {
                float value = w.data()[w.offset() + bad];
                c.optimizer.reset();
                throw diverged(epoch, paramNames[i], value);
            }
        }
        return (float) loss;
    }

    /** Puts back the model's state from before this step and describes where training diverged. */
    private TrainingDivergedException diverged(int epoch, String where, float value) {
        lastGood.restore();
        return new TrainingDivergedException(epoch, step, where, value);
    }

    /** @return the position of the first NaN or infinite value of a contiguous tensor, or -1 */
    private static int firstNonFinite(Tensor v) {
        float[] d = v.data();
        for (int j = 0, off = v.offset(); j < v.size(); j++) {
            if (!Float.isFinite(d[off + j])) {
                return j;
            }
        }
        return -1;
    }

    private Map<String, Double> means(double lossSum, double[] metricSums, int n) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", lossSum / n);
        for (int m = 0; m < metricSums.length; m++) {
            logs.put(c.metrics.get(m).name(), metricSums[m] / n);
        }
        return logs;
    }

    private void checkMonitors(boolean validation) {
        Set<String> names = new LinkedHashSet<>();
        names.add("loss");
        c.metrics.forEach(m -> names.add(m.name()));
        if (validation) {
            names.add("val_loss");
            c.metrics.forEach(m -> names.add("val_" + m.name()));
        }
        if (c.earlyStopping != null && !names.contains(c.earlyStopping.monitor())) {
            throw new KisoException("fit: EarlyStopping monitors '" + c.earlyStopping.monitor()
                    + "' but the run reports only " + names + (validation ? "" : " (no validation data given)"));
        }
        if (c.plateau != null && !names.contains(c.plateau.monitor())) {
            throw new KisoException("fit: ReduceLrOnPlateau monitors '" + c.plateau.monitor()
                    + "' but the run reports only " + names + (validation ? "" : " (no validation data given)"));
        }
    }

    /** Names each parameter by its key in the model's state dict ({@code 0.weight}), falling back to its own name. */
    private static String[] qualifiedNames(Layer model, List<Parameter> params) {
        Map<Tensor, String> byTensor = new IdentityHashMap<>();
        model.stateDict().forEach((name, tensor) -> byTensor.put(tensor, name));
        String[] names = new String[params.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = byTensor.getOrDefault(params.get(i).value(), params.get(i).name());
        }
        return names;
    }

    /**
     * Evaluates a model in evaluation mode, batch by batch, without changing it.
     *
     * @param model     the model
     * @param x         inputs, batch first
     * @param t         targets
     * @param loss      the loss (its mean over the samples is reported; no regularizer penalty)
     * @param metrics   metrics to compute (e.g. {@link Accuracy})
     * @param batchSize samples per forward pass
     * @return the mean loss and metrics over all samples
     */
    public static Evaluation evaluate(Layer model, Tensor x, Tensor t, Loss loss, List<Metric> metrics, int batchSize) {
        checkPair("evaluate", x, t);
        checkBatchSize("evaluate", batchSize);
        int n = x.shape(0);
        double lossSum = 0;
        double[] sums = new double[metrics.size()];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(from + batchSize, n);
            Tensor xb = x.slice(0, from, to);
            Tensor tb = t.slice(0, from, to);
            Tensor y = model.forward(xb, false);
            lossSum += (double) loss.forward(y, tb) * (to - from);
            for (int m = 0; m < sums.length; m++) {
                sums[m] += metrics.get(m).sum(y, tb);
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int m = 0; m < sums.length; m++) {
            values.put(metrics.get(m).name(), sums[m] / n);
        }
        return new Evaluation(lossSum / n, values);
    }

    /**
     * Class probabilities: the softmax of the model's output, computed in evaluation mode in batches.
     *
     * <pre>p[n, c] = exp(y[n, c] − max_c y[n, ·]) / Σ_c' exp(y[n, c'] − max_c y[n, ·])</pre>
     *
     * @param model     a classifier whose output is scores (logits) {@code [N, C]}
     * @param x         inputs, batch first
     * @param batchSize samples per forward pass
     * @return probabilities {@code [N, C]}, each row summing to 1
     */
    public static Tensor predict(Layer model, Tensor x, int batchSize) {
        checkBatchSize("predict", batchSize);
        int n = x.shape(0);
        float[] p = null;
        int classes = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(from + batchSize, n);
            Tensor y = scores(model, x.slice(0, from, to));
            if (p == null) {
                classes = y.shape(1);
                p = new float[n * classes];
            }
            Tensor probabilities = SOFTMAX.forward(y, false);
            System.arraycopy(probabilities.data(), probabilities.offset(), p, from * classes, (to - from) * classes);
        }
        return Tensor.of(p, n, classes);
    }

    /**
     * The predicted class of each sample: the index of the largest output (first one on ties).
     *
     * @param model     a classifier whose output is scores {@code [N, C]}
     * @param x         inputs, batch first
     * @param batchSize samples per forward pass
     * @return one class index per sample
     */
    public static int[] predictClasses(Layer model, Tensor x, int batchSize) {
        checkBatchSize("predictClasses", batchSize);
        int n = x.shape(0);
        int[] classes = new int[n];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(from + batchSize, n);
            Tensor y = scores(model, x.slice(0, from, to));
            for (int i = 0; i < to - from; i++) {
                classes[from + i] = Accuracy.argmaxRow(y, i);
            }
        }
        return classes;
    }

    private static Tensor scores(Layer model, Tensor x) {
        Tensor y = model.forward(x, false);
        if (y.rank() != 2) {
            throw new KisoException("predict: the model's output must be class scores [N, C], got shape "
                    + Arrays.toString(y.shape()));
        }
        return y;
    }

    private static void checkPair(String what, Tensor x, Tensor t) {
        if (x.rank() == 0 || t.rank() == 0 || x.shape(0) != t.shape(0)) {
            throw new KisoException(what + ": inputs " + Arrays.toString(x.shape()) + " and targets "
                    + Arrays.toString(t.shape()) + " must have the same number of samples (axis 0)");
        }
    }

    private static void checkBatchSize(String what, int batchSize) {
        if (batchSize < 1) {
            throw new KisoException(what + ": batchSize must be at least 1, got " + batchSize);
        }
    }
}
