// SeededRandom: java.util.Random's numbers, for one thread at a time.
//
//   next(bits):   seed = (seed · 0x5DEECE66D + 0xB) mod 2^48;  return the top `bits` bits
//   nextGaussian: Marsaglia's polar method on two nextDouble()s, StrictMath's log and sqrt
//
// Both exactly as java.util.Random's documentation specifies them, so a SeededRandom and a Random
// made with the same seed give the same numbers, call for call. What it leaves out is Random's
// thread safety (an atomic compare-and-set per number, a lock per Gaussian), which made drawing the
// weights of a fresh model a measurable part of the first training step.

package dev.kiso.nn.init;

import java.util.Random;

/**
 * A {@link Random} that gives exactly the numbers {@code new Random(seed)} gives, for use by one
 * thread at a time: the layers and {@link dev.kiso.nn.Sequential} draw initial weights from it.
 * Every method of {@code Random} works and matches, since they are all built on {@link #next(int)}
 * and {@link #nextGaussian()}, which this class reimplements without synchronization as
 * {@code Random}'s documentation specifies them.
 *
 * <p>Not thread-safe: share a {@code java.util.Random} between threads instead.
 */
public class SeededRandom extends Random {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    // No field initializers: Random's constructor calls setSeed before they would run.
    private long state;
    private double nextNextGaussian;
    private boolean haveNextNextGaussian;

    /**
     * A generator in the state of {@code new Random(seed)}.
     *
     * @param seed the seed
     */
    public SeededRandom(long seed) {
        super(seed);
    }

    @Override
    public void setSeed(long seed) {
        state = (seed ^ MULTIPLIER) & MASK;
        haveNextNextGaussian = false;
    }

    @Override
    protected int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    @Override
    public double nextDouble() {
        return (((long) next(26) << 27) + next(27)) * DOUBLE_UNIT;
    }

    @Override
    public double nextGaussian() {
        if (haveNextNextGaussian) {
            haveNextNextGaussian = false;
            return nextNextGaussian;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;   // between -1 and 1
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        nextNextGaussian = v2 * multiplier;
        haveNextNextGaussian = true;
        return v1 * multiplier;
    }
}
