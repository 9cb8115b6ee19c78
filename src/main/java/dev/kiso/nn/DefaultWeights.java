package dev.kiso.nn;

import dev.kiso.nn.init.SeededRandom;

/**
 * Draws a layer's default weights once, when they are first needed, instead of at construction.
 *
 * <p>Why: a layer used alone must have weights (drawn from {@link Sequential#DEFAULT_SEED}), but
 * a layer built for a {@link Sequential} gets its weights from the model's generator right away,
 * so weights drawn in the constructor were thrown away at once. W2 draws 434k Gaussians per build;
 * drawing them twice cost a cold JVM tens of milliseconds of its first training step.
 *
 * <p>How: the layer calls {@link #drawn()} at the end of its {@code initialize(Random)}, and
 * {@link #ensure(Layer)} before anything reads its weights (the accessors, {@code parameters()},
 * forward). The first {@code ensure} on a layer that was never initialized calls
 * {@code layer.initialize(new SeededRandom(DEFAULT_SEED))}: the same numbers the constructor used to
 * draw. The check is a volatile read, and the draw is made under a lock, so threads that evaluate
 * one fresh layer at the same time all see the same weights.
 */
final class DefaultWeights {
    private volatile boolean drawn;

    /** Records that the layer's weights have been drawn (its {@code initialize} ran). */
    void drawn() {
        drawn = true;
    }

    /**
     * Draws the layer's default weights if nothing has drawn them yet.
     *
     * @param layer the layer that owns this record
     */
    void ensure(Layer layer) {
        if (!drawn) {
            synchronized (this) {
                if (!drawn) {
                    layer.initialize(new SeededRandom(Sequential.DEFAULT_SEED));
                }
            }
        }
    }
}
