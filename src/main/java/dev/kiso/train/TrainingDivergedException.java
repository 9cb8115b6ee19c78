package dev.kiso.train;

import dev.kiso.KisoException;

/**
 * Training produced a NaN or infinite loss or parameter. The model is left with the weights it had
 * before the step that failed; lower the learning rate (or check the data) and train again.
 */
public final class TrainingDivergedException extends KisoException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long step;
    private final String where;

    /**
     * @param epoch the epoch, from 0
     * @param step  the optimizer step, counted from 1 over the whole run
     * @param where what became non-finite: {@code output} (the model's), {@code loss}, or a parameter's name
     * @param value the value found there
     */
    public TrainingDivergedException(int epoch, long step, String where, float value) {
        super("Training diverged in epoch " + (epoch + 1) + " at step " + step + ": "
                + describe(where) + " became " + value
                + ". The model keeps the weights from before this step; lower the learning rate"
                + " or check the data for NaN.");
        this.epoch = epoch;
        this.step = step;
        this.where = where;
    }

    private static String describe(String where) {
        switch (where) {
            case "loss":
                return "the loss";
            case "output":
                return "the model's output";
            default:
                return "parameter " + where;
        }
    }

    /** @return the epoch in which training diverged, from 0 */
    public int epoch() {
        return epoch;
    }

    /** @return the optimizer step at which it diverged, counted from 1 over the whole run */
    public long step() {
        return step;
    }

    /** @return {@code output}, {@code loss}, or the name of the first parameter that became non-finite */
    public String where() {
        return where;
    }
}
