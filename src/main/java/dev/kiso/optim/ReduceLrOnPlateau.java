package dev.kiso.optim;

import dev.kiso.KisoException;

/**
 * Lowers the learning rate when a monitored metric stops improving (PyTorch's
 * ReduceLROnPlateau, relative threshold, no cooldown).
 *
 * <pre>
 * improved   = metric &lt; best·(1 − threshold)   (mode MIN; MAX: metric &gt; best·(1 + threshold))
 * if improved: best = metric, bad = 0, else bad += 1
 * if bad &gt; patience: η ← max(η·factor, minLr), bad = 0
 * </pre>
 *
 * <p>Defaults: monitor {@code val_loss}, mode AUTO, factor 0.1, patience 10, threshold 1e-4,
 * minLr 0. Set the options with the fluent setters, then hand it to the trainer, which calls
 * {@link #step} after each epoch.
 */
public final class ReduceLrOnPlateau {

    private String monitor = "val_loss";
    private MonitorMode mode = MonitorMode.AUTO;
    private double factor = 0.1;
    private int patience = 10;
    private double threshold = 1e-4;
    private double minLr = 0.0;

    private double best = Double.NaN;
    private int bad;

    /** A plateau rule with the defaults. */
    public ReduceLrOnPlateau() {
    }

    /**
     * @param monitor the metric to watch: {@code val_loss}, {@code val_accuracy}, {@code loss}, {@code accuracy}
     * @return this
     */
    public ReduceLrOnPlateau monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    /**
     * @param mode whether the metric should go down or up
     * @return this
     */
    public ReduceLrOnPlateau mode(MonitorMode mode) {
        this.mode = mode;
        return this;
    }

    /**
     * @param factor the multiplier applied to the rate, in (0, 1)
     * @return this
     */
    public ReduceLrOnPlateau factor(double factor) {
        if (!(factor > 0 && factor < 1)) {
            throw new KisoException("ReduceLrOnPlateau: factor must be in (0, 1), got " + factor);
        }
        this.factor = factor;
        return this;
    }

    /**
     * @param patience epochs without improvement tolerated before lowering the rate, ≥ 0
     * @return this
     */
    public ReduceLrOnPlateau patience(int patience) {
        if (patience < 0) {
            throw new KisoException("ReduceLrOnPlateau: patience must be >= 0, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /**
     * @param threshold the relative improvement that counts, ≥ 0
     * @return this
     */
    public ReduceLrOnPlateau threshold(double threshold) {
        if (!(threshold >= 0)) {
            throw new KisoException("ReduceLrOnPlateau: threshold must be >= 0, got " + threshold);
        }
        this.threshold = threshold;
        return this;
    }

    /**
     * @param minLr the rate is never lowered below this, ≥ 0
     * @return this
     */
    public ReduceLrOnPlateau minLr(double minLr) {
        if (!(minLr >= 0)) {
            throw new KisoException("ReduceLrOnPlateau: minLr must be >= 0, got " + minLr);
        }
        this.minLr = minLr;
        return this;
    }

    /** @return the name of the monitored metric */
    public String monitor() {
        return monitor;
    }

    /** Forgets the best value seen, as at the start of training. */
    public void reset() {
        best = Double.NaN;
        bad = 0;
    }

    /**
     * Records one epoch's value of the metric and lowers the optimizer's rate if it has not improved
     * for more than {@code patience} epochs.
     *
     * @param metric    the metric's value this epoch
     * @param optimizer the optimizer whose rate is lowered
     * @return whether the rate was lowered
     */
    public boolean step(double metric, Optimizer optimizer) {
        boolean max = mode.resolve(monitor) == MonitorMode.MAX;
        boolean improved = Double.isNaN(best)
                || (max ? metric > best * (1 + threshold) : metric < best * (1 - threshold));
        if (improved) {
            best = metric;
            bad = 0;
            return false;
        }
        bad++;
        if (bad <= patience) {
            return false;
        }
        bad = 0;
        double lr = optimizer.learningRate();
        double lowered = Math.max(lr * factor, minLr);
        if (lr - lowered <= 1e-8 * lr || !(lowered > 0)) {
            return false;
        }
        optimizer.setLearningRate(lowered);
        return true;
    }

    @Override
    public String toString() {
        return "ReduceLrOnPlateau(monitor=" + monitor + ", mode=" + mode + ", factor=" + factor
                + ", patience=" + patience + ", threshold=" + threshold + ", min_lr=" + minLr + ")";
    }
}
