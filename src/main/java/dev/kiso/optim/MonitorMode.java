package dev.kiso.optim;

/**
 * Whether a monitored metric improves by going down ({@link #MIN}, a loss) or up ({@link #MAX},
 * an accuracy); {@link #AUTO} picks {@code MAX} when the metric's name contains {@code acc}
 * and {@code MIN} otherwise, as Keras does. Used by {@link ReduceLrOnPlateau} and early stopping.
 */
public enum MonitorMode {
    /** Smaller is better. */
    MIN,
    /** Larger is better. */
    MAX,
    /** Decided from the metric's name. */
    AUTO;

    /**
     * Resolves {@link #AUTO} for a metric.
     *
     * @param monitor the metric's name, e.g. {@code val_loss}
     * @return {@link #MIN} or {@link #MAX}
     */
    public MonitorMode resolve(String monitor) {
        if (this != AUTO) {
            return this;
        }
        return monitor.contains("acc") ? MAX : MIN;
    }
}
