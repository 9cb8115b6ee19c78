package dev.kiso.nn;

/**
 * The arithmetic that {@link BatchNorm}, {@link LayerNorm} and {@link InstanceNorm} share: each
 * standardizes groups of values to mean 0 and variance 1 and then scales and shifts them.
 *
 * <pre>
 * forward:  mean = Σx / m,   var = Σ(x − mean)² / m   (biased),   xhat = (x − mean) / sqrt(var + eps)
 * backward: dx = invStd / m · (m·g − Σg − xhat·Σ(g·xhat))          where g = dL/dxhat
 * </pre>
 *
 * <p>A group is {@code count} runs of {@code len} contiguous values, {@code stride} apart, starting
 * at {@code first}: batch norm's channel {@code c} of an {@code [N, C, S]} input is
 * {@code (first = c·S, len = S, count = N, stride = C·S)}; a layer-norm row or an instance-norm
 * {@code (n, c)} plane is a single run. Every loop walks memory in order; sums are in double.
 */
final class Standardize {
    private Standardize() {
    }

    /**
     * Standardizes one group, writing {@code xhat} at the same positions.
     *
     * @param x       input values
     * @param xOff    offset of the input (positions below are relative to it)
     * @param xhat    output array for the standardized values (offset 0)
     * @param first   position of the group's first value
     * @param len     length of each run
     * @param count   number of runs
     * @param stride  distance between the starts of two runs
     * @param eps     added to the variance inside the square root
     * @param moments receives the group's mean at [0] and biased variance at [1]
     * @return {@code 1/sqrt(var + eps)}
     */
    static float forward(float[] x, int xOff, float[] xhat, int first, int len, int count, int stride,
                         float eps, double[] moments) {
        double sum = 0;
        for (int r = 0; r < count; r++) {
            for (int i = first + r * stride, end = i + len; i < end; i++) {
                sum += x[xOff + i];
            }
        }
        int m = len * count;
        double mean = sum / m;
        double squares = 0;
        for (int r = 0; r < count; r++) {
            for (int i = first + r * stride, end = i + len; i < end; i++) {
                double d = x[xOff + i] - mean;
                squares += d * d;
            }
        }
        double var = squares / m;
        double invStd = 1.0 / Math.sqrt(var + eps);
        for (int r = 0; r < count; r++) {
            for (int i = first + r * stride, end = i + len; i < end; i++) {
                xhat[i] = (float) ((x[xOff + i] - mean) * invStd);
            }
        }
        moments[0] = mean;
        moments[1] = var;
        return (float) invStd;
    }

    /**
     * The backward pass of one group: {@code dx = scale·invStd/m·(m·g − Σg − xhat·Σ(g·xhat))}.
     *
     * @param g      the upstream gradient {@code dL/dxhat} (or {@code dL/dy} with {@code scale = gamma})
     * @param gOff   offset of {@code g} (positions are relative to it)
     * @param scale  a factor on {@code g}: gamma for a per-group gamma, 1 when g already holds it
     * @param xhat   the standardized values of the forward pass (offset 0)
     * @param dx     output array (offset 0)
     * @param first  position of the group's first value
     * @param len    length of each run
     * @param count  number of runs
     * @param stride distance between the starts of two runs
     * @param invStd {@code 1/sqrt(var + eps)} from the forward pass
     * @param sums   receives Σg at [0] and Σ(g·xhat) at [1] (the gradients of a shift and a scale)
     */
    static void backward(float[] g, int gOff, float scale, float[] xhat, float[] dx, int first, int len,
                         int count, int stride, float invStd, double[] sums) {
        double sumG = 0;
        double sumGXhat = 0;
        for (int r = 0; r < count; r++) {
            for (int i = first + r * stride, end = i + len; i < end; i++) {
                sumG += g[gOff + i];
                sumGXhat += g[gOff + i] * xhat[i];
            }
        }
        int m = len * count;
        double k = (double) scale * invStd / m;
        for (int r = 0; r < count; r++) {
            for (int i = first + r * stride, end = i + len; i < end; i++) {
                dx[i] = (float) (k * (m * (double) g[gOff + i] - sumG - xhat[i] * sumGXhat));
            }
        }
        sums[0] = sumG;
        sums[1] = sumGXhat;
    }

    /**
     * {@code y = scale[c]·src + shift[c]} over an {@code [N, C, S]} layout, in memory order: the
     * per-channel affine step of batch and instance norm.
     *
     * @param src    source values
     * @param srcOff offset of the source
     * @param y      output array (offset 0)
     * @param n      batch size
     * @param c      channels
     * @param s      values per channel and sample (H·W, or 1)
     * @param scale  per-channel factor
     * @param shift  per-channel offset
     */
    static void channelAffine(float[] src, int srcOff, float[] y, int n, int c, int s, float[] scale, float[] shift) {
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                float a = scale[ch];
                float t = shift[ch];
                for (int end = i + s; i < end; i++) {
                    y[i] = a * src[srcOff + i] + t;
                }
            }
        }
    }
}
