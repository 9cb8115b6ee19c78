package dev.kiso.optim;

import dev.kiso.KisoException;

/**
 * A learning rate as a function of the epoch: the trainer sets the optimizer's rate to
 * {@code rate(epoch, η₀)} at the start of each epoch, η₀ being the optimizer's rate when training
 * began. Epochs count from 0. For a rate driven by a monitored metric see {@link ReduceLrOnPlateau}.
 *
 * <pre>
 * constant             η = η₀
 * step(s, γ)           η = η₀·γ^⌊e/s⌋
 * exponential(γ)       η = η₀·γ^e
 * cosine(T, η_min)     η = η_min + (η₀ − η_min)·(1 + cos(π·min(e, T)/T))/2
 * withWarmup(W, f₀)    η = η₀·(f₀ + (1 − f₀)·e/W) for e &lt; W, then this schedule at e − W
 * </pre>
 */
@FunctionalInterface
public interface LrSchedule {

    /**
     * The learning rate for an epoch.
     *
     * @param epoch  the epoch, from 0
     * @param baseLr η₀, the optimizer's learning rate when training began
     * @return the learning rate for that epoch
     */
    double rate(int epoch, double baseLr);

    /** @return the schedule that keeps η₀ */
    static LrSchedule constant() {
        return (epoch, baseLr) -> baseLr;
    }

    /**
     * Multiplies the rate by γ every {@code stepSize} epochs (PyTorch's StepLR).
     *
     * @param stepSize epochs between decays, at least 1
     * @param gamma    the factor, in (0, 1]
     * @return the schedule
     */
    static LrSchedule step(int stepSize, double gamma) {
        if (stepSize < 1) {
            throw new KisoException("LrSchedule.step: stepSize must be at least 1, got " + stepSize);
        }
        checkFactor("step", gamma);
        return (epoch, baseLr) -> baseLr * Math.pow(gamma, epoch / stepSize);
    }

    /**
     * Multiplies the rate by γ every epoch (PyTorch's ExponentialLR).
     *
     * @param gamma the factor, in (0, 1]
     * @return the schedule
     */
    static LrSchedule exponential(double gamma) {
        checkFactor("exponential", gamma);
        return (epoch, baseLr) -> baseLr * Math.pow(gamma, epoch);
    }

    /**
     * Half a cosine from η₀ down to η_min over {@code tMax} epochs, then η_min (PyTorch's
     * CosineAnnealingLR closed form, held at its minimum instead of rising again after T).
     *
     * @param tMax  T, the number of epochs to reach η_min, at least 1
     * @param minLr η_min ≥ 0
     * @return the schedule
     */
    static LrSchedule cosine(int tMax, double minLr) {
        if (tMax < 1 || !(minLr >= 0)) {
            throw new KisoException("LrSchedule.cosine: need tMax >= 1 and minLr >= 0, got tMax " + tMax + ", minLr " + minLr);
        }
        return (epoch, baseLr) -> minLr + (baseLr - minLr) * (1 + Math.cos(Math.PI * Math.min(epoch, tMax) / tMax)) / 2;
    }

    /**
     * Ramps the rate linearly from {@code startFactor·η₀} towards η₀ over the first
     * {@code warmupEpochs} epochs, then follows this schedule, started afresh at epoch 0.
     *
     * @param warmupEpochs W, at least 1
     * @param startFactor  f₀ in (0, 1], the fraction of η₀ used in epoch 0
     * @return the composed schedule
     */
    default LrSchedule withWarmup(int warmupEpochs, double startFactor) {
        if (warmupEpochs < 1) {
            throw new KisoException("LrSchedule.withWarmup: warmupEpochs must be at least 1, got " + warmupEpochs);
        }
        checkFactor("withWarmup", startFactor);
        LrSchedule after = this;
        return (epoch, baseLr) -> epoch < warmupEpochs
                ? baseLr * (startFactor + (1 - startFactor) * epoch / warmupEpochs)
                : after.rate(epoch - warmupEpochs, baseLr);
    }

    private static void checkFactor(String schedule, double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new KisoException("LrSchedule." + schedule + ": factor must be in (0, 1], got " + factor);
        }
    }
}
