package dev.kiso.nn;

import dev.kiso.io.SafeTensors;
import dev.kiso.io.SafeTensorsFile;
import dev.kiso.tensor.Tensor;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Naive references for the convolution and pooling tests: direct nested loops in double that follow
 * the definitions literally (an explicit padded index check per element, no im2col, no GEMM), and a
 * closeness assertion with the parity tolerance.
 */
final class ConvReference {

    private ConvReference() {
    }

    /** A PyTorch parity case from {@code src/test/resources/parity}. */
    static SafeTensorsFile parity(String name) {
        return SafeTensors.read(Path.of("src/test/resources/parity", name + ".safetensors"));
    }

    /** Overwrites a parameter's value with a reference tensor of the same shape. */
    static void load(Parameter p, Tensor value) {
        assertThat(value.shape()).as(p.name()).containsExactly(p.value().shape());
        float[] v = value.contiguous().toArray();
        System.arraycopy(v, 0, p.value().data(), p.value().offset(), v.length);
    }

    /** A random tensor with values in [-1, 1). */
    static Tensor random(Random rng, int... shape) {
        return Tensor.rand(rng, -1f, 1f, shape);
    }

    /** x[n,c,h,w] read as double, or {@code pad} outside the image. */
    private static double at(Tensor x, int n, int c, int h, int w, double pad) {
        if (h < 0 || w < 0 || h >= x.shape(2) || w >= x.shape(3)) {
            return pad;
        }
        return x.get(n, c, h, w);
    }

    /** Direct cross-correlation: y[n,f,i,j] = b[f] + Σ_c,u,v W[f,c,u,v]·x[n,c,i·sh−ph+u, j·sw−pw+v]. */
    static double[] conv(Tensor x, Tensor W, Tensor b, int sh, int sw, int ph, int pw) {
        int n = x.shape(0);
        int c = x.shape(1);
        int f = W.shape(0);
        int kh = W.shape(2);
        int kw = W.shape(3);
        int oh = (x.shape(2) + 2 * ph - kh) / sh + 1;
        int ow = (x.shape(3) + 2 * pw - kw) / sw + 1;
        double[] y = new double[n * f * oh * ow];
        int k = 0;
        for (int in = 0; in < n; in++) {
            for (int fi = 0; fi < f; fi++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = b == null ? 0 : b.get(fi);
                        for (int ci = 0; ci < c; ci++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    s += W.get(fi, ci, u, v) * at(x, in, ci, i * sh - ph + u, j * sw - pw + v, 0);
                                }
                            }
                        }
                        y[k++] = s;
                    }
                }
            }
        }
        return y;
    }

    /** The gradients of L = Σ dout·conv(x, W, b): returns {dx, dW, db}, each by the chain rule term by term. */
    static double[][] convBackward(Tensor x, Tensor W, Tensor dout, int sh, int sw, int ph, int pw) {
        int n = x.shape(0);
        int c = x.shape(1);
        int h = x.shape(2);
        int w = x.shape(3);
        int f = W.shape(0);
        int kh = W.shape(2);
        int kw = W.shape(3);
        double[] dx = new double[n * c * h * w];
        double[] dW = new double[f * c * kh * kw];
        double[] db = new double[f];
        for (int in = 0; in < n; in++) {
            for (int fi = 0; fi < f; fi++) {
                for (int i = 0; i < dout.shape(2); i++) {
                    for (int j = 0; j < dout.shape(3); j++) {
                        double g = dout.get(in, fi, i, j);
                        db[fi] += g;
                        for (int ci = 0; ci < c; ci++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int hh = i * sh - ph + u;
                                    int ww = j * sw - pw + v;
                                    if (hh < 0 || ww < 0 || hh >= h || ww >= w) {
                                        continue;
                                    }
                                    dx[((in * c + ci) * h + hh) * w + ww] += g * W.get(fi, ci, u, v);
                                    dW[((fi * c + ci) * kh + u) * kw + v] += g * x.get(in, ci, hh, ww);
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {dx, dW, db};
    }

    /**
     * Direct square pooling. {@code max}: the largest value, −∞ padding, first maximum wins; returns
     * {y, argmax (h·W + w), dx for the given dout}. Otherwise the average with zero padding divided by
     * k² and its dx.
     */
    static double[][] pool(Tensor x, Tensor dout, int k, int s, int p, boolean max) {
        int n = x.shape(0);
        int c = x.shape(1);
        int h = x.shape(2);
        int w = x.shape(3);
        int oh = (h + 2 * p - k) / s + 1;
        int ow = (w + 2 * p - k) / s + 1;
        double[] y = new double[n * c * oh * ow];
        double[] idx = new double[y.length];
        double[] dx = new double[n * c * h * w];
        int o = 0;
        for (int in = 0; in < n; in++) {
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++, o++) {
                        double best = Double.NEGATIVE_INFINITY;
                        int bestAt = -1;
                        double sum = 0;
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                int hh = i * s - p + u;
                                int ww = j * s - p + v;
                                double val = at(x, in, ci, hh, ww, max ? Double.NEGATIVE_INFINITY : 0);
                                sum += val;
                                if (val > best) {
                                    best = val;
                                    bestAt = hh * w + ww;
                                }
                            }
                        }
                        double g = dout.get(in, ci, i, j);
                        int plane = (in * c + ci) * h * w;
                        if (max) {
                            y[o] = best;
                            idx[o] = bestAt;
                            dx[plane + bestAt] += g;
                        } else {
                            y[o] = sum / (k * k);
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int hh = i * s - p + u;
                                    int ww = j * s - p + v;
                                    if (hh >= 0 && ww >= 0 && hh < h && ww < w) {
                                        dx[plane + hh * w + ww] += g / (k * k);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {y, idx, dx};
    }

    /** Asserts |got − ref| ≤ atol + rtol·|ref| element by element, naming the first bad element. */
    static void assertClose(String what, Tensor got, double[] ref, double atol, double rtol) {
        float[] g = got.contiguous().toArray();
        assertThat(g.length).as(what + " size").isEqualTo(ref.length);
        for (int i = 0; i < ref.length; i++) {
            if (!(Math.abs(g[i] - ref[i]) <= atol + rtol * Math.abs(ref[i]))) {
                fail(what + "[" + i + "]: got " + g[i] + ", expected " + ref[i]);
            }
        }
    }

    /** {@link #assertClose} with the parity tolerance 1e-5 + 1e-4·|ref|. */
    static void assertClose(String what, Tensor got, double[] ref) {
        assertClose(what, got, ref, 1e-5, 1e-4);
    }

    /** A float tensor's values as doubles. */
    static double[] doubles(Tensor t) {
        float[] f = t.contiguous().toArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
