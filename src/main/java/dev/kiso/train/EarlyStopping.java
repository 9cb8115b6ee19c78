package dev.kiso.train;

import dev.kiso.KisoException;
import dev.kiso.nn.Layer;
import dev.kiso.optim.MonitorMode;

import java.util.Map;

/**
 * Stops training when a monitored metric has stopped improving, with Keras's vocabulary and
 * meaning ({@code keras.callbacks.EarlyStopping}).
 *
 * <pre>
 * epochs before startFromEpoch are ignored
 * improved  = current − minDelta &gt; best   (MAX)   or   current + minDelta &lt; best   (MIN); the first value always improves
 * each epoch: wait += 1; if improved: best = current, remember the weights, and wait = 0 unless a
 *             baseline is set and current does not beat it
 * stop when wait ≥ patience (never after epoch 0)
 * at the end, if restoreBestWeights: put back the weights of the best epoch (even without an early stop)
 * </pre>
 *
 * <p>Defaults (Keras's): monitor {@code val_loss}, mode AUTO (MAX for names containing
 * {@code acc}), minDelta 0, patience 0, no baseline, restoreBestWeights false, startFromEpoch 0.
 * The trainer calls {@link #onTrainBegin}, {@link #onEpochEnd} and {@link #onTrainEnd}; tests
 * and custom loops may call them directly.
 */
public final class EarlyStopping {

    private String monitor = "val_loss";
    private MonitorMode mode = MonitorMode.AUTO;
    private double minDelta;
    private int patience;
    private double baseline = Double.NaN;
    private boolean restoreBestWeights;
    private int startFromEpoch;

    private Layer model;
    private ModelSnapshot bestWeights;
    private double best;
    private int wait;
    private int bestEpoch;
    private int stoppedEpoch;

    /** Early stopping with Keras's defaults. */
    public EarlyStopping() {
    }

    /**
     * @param monitor the metric to watch: {@code val_loss} (default), {@code val_accuracy}, {@code loss}, {@code accuracy}
     * @return this
     */
    public EarlyStopping monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    /**
     * @param mode whether the metric should go down (MIN) or up (MAX); AUTO decides from its name
     * @return this
     */
    public EarlyStopping mode(MonitorMode mode) {
        this.mode = mode;
        return this;
    }

    /**
     * @param minDelta the smallest change that counts as an improvement, ≥ 0 (its sign is ignored, as in Keras)
     * @return this
     */
    public EarlyStopping minDelta(double minDelta) {
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    /**
     * @param patience epochs without improvement after which training stops, ≥ 0
     * @return this
     */
    public EarlyStopping patience(int patience) {
        if (patience < 0) {
            throw new KisoException("EarlyStopping: patience must be >= 0, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /**
     * @param baseline a value the metric must beat: until it does, improvements do not reset the patience count
     * @return this
     */
    public EarlyStopping baseline(double baseline) {
        this.baseline = baseline;
        return this;
    }

    /**
     * @param restore whether to put back the best epoch's weights when training ends
     * @return this
     */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /**
     * @param epoch the first epoch (from 0) whose metric is considered; earlier ones are a warm-up
     * @return this
     */
    public EarlyStopping startFromEpoch(int epoch) {
        if (epoch < 0) {
            throw new KisoException("EarlyStopping: startFromEpoch must be >= 0, got " + epoch);
        }
        this.startFromEpoch = epoch;
        return this;
    }

    /** @return the name of the monitored metric */
    public String monitor() {
        return monitor;
    }

    /**
     * Resets the state for a new run on this model.
     *
     * @param model the model whose weights are remembered and restored
     */
    public void onTrainBegin(Layer model) {
        this.model = model;
        this.bestWeights = restoreBestWeights ? new ModelSnapshot(model) : null;
        this.best = Double.NaN;
        this.wait = 0;
        this.bestEpoch = -1;
        this.stoppedEpoch = -1;
    }

    /**
     * Records one epoch's metrics.
     *
     * @param epoch the epoch, from 0
     * @param logs  the epoch's metrics; must contain the monitored one
     * @return whether training should stop now
     */
    public boolean onEpochEnd(int epoch, Map<String, Double> logs) {
        if (model == null) {
            throw new IllegalStateException("EarlyStopping.onEpochEnd: call onTrainBegin first");
        }
        Double value = logs.get(monitor);
        if (value == null) {
            throw new KisoException("EarlyStopping: monitored metric '" + monitor + "' is not among " + logs.keySet()
                    + " (val_* metrics need validation data)");
        }
        if (epoch < startFromEpoch) {
            return false;
        }
        double current = value;
        if (bestWeights != null && !bestWeights.isCaptured()) {
            bestWeights.capture();
            bestEpoch = epoch;
        }
        wait++;
        if (Double.isNaN(best) || improves(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (bestWeights != null) {
                bestWeights.capture();
            }
            if (Double.isNaN(baseline) || improves(current, baseline)) {
                wait = 0;
            }
            return false;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            return true;
        }
        return false;
    }

    /** Restores the best epoch's weights if {@code restoreBestWeights} is set and an epoch was monitored. */
    public void onTrainEnd() {
        if (bestWeights != null && bestWeights.isCaptured()) {
            bestWeights.restore();
        }
    }

    private boolean improves(double current, double reference) {
        return mode.resolve(monitor) == MonitorMode.MAX
                ? current - minDelta > reference
                : current + minDelta < reference;
    }

    /** @return the epoch (from 0) with the best monitored value so far, or -1 */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return the epoch at which training was stopped, or -1 if it was not stopped */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** @return the best monitored value so far (NaN before the first monitored epoch) */
    public double best() {
        return best;
    }

    @Override
    public String toString() {
        return "EarlyStopping(monitor=" + monitor + ", mode=" + mode + ", min_delta=" + minDelta + ", patience="
                + patience + ", baseline=" + (Double.isNaN(baseline) ? "None" : baseline) + ", restore_best_weights="
                + restoreBestWeights + ", start_from_epoch=" + startFromEpoch + ")";
    }
}
