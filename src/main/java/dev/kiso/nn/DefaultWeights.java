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
 * <p>How: the layer's {@code initialize(Random)} fills its weights through {@link #draw}, and the
 * layer calls {@link #ensure(Layer)} before anything reads its weights (the accessors,
 * {@code parameters()}, forward). The first {@code ensure} on a layer that was never initialized
 * calls {@code layer.initialize(new SeededRandom(DEFAULT_SEED))}: the same numbers the constructor
 * used to draw. Once drawn, the check is a volatile read. Drawing holds a lock, the same for the
 * default draw and for an explicit {@code initialize}, so threads that evaluate one fresh layer at
 * once draw it once and all see the same weights, and an {@code initialize} racing with a first use
 * is never mixed with the default draw.
 */
final class DefaultWeights {
    private volatile boolean drawn;

    /**
     * Runs {@code fill} (the layer's own drawing of its weights) under the lock, then records that
     * the weights are drawn.
     *
     * @param fill writes the layer's weights
     */
    synchronized void draw(Runnable fill) {
        fill.run();
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
