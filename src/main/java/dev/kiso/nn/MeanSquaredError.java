// Mean squared error with the course's ½ and a mean over the batch.
//   forward:  loss = ½ · Σ (y - t)² / N          N = batch size (axis 0), Σ over every element
//   backward: dy   = (y - t) / N
package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * Half the squared error, summed over each sample and averaged over the batch:
 * {@code loss = ½·Σ(y − t)²/N}, gradient {@code (y − t)/N}, with {@code N} the batch size.
 *
 * <p>Two other conventions exist, and differ by constant factors: PyTorch's default
 * {@code nn.MSELoss()} is {@code Σ(y − t)²/numel} (gradient {@code 2(y − t)/numel}, numel = all
 * elements, not the batch size), and the book's {@code mean_squared_error} is {@code ½·Σ(y − t)²}
 * with no division at all. PyTorch: {@code 0.5 * F.mse_loss(y, t, reduction='sum') / N}.
 *
 * <p>Shape: prediction {@code y [N, ...]} and target {@code t} of exactly the same shape.
 */
public final class MeanSquaredError implements Loss {
    private Tensor diff;   // y - t of the last forward
    private Tensor dy;     // gradient buffer, reused

    /** The loss. */
    public MeanSquaredError() {
    }

    @Override
    public float forward(Tensor y, Tensor t) {
        if (y.rank() < 1 || !Arrays.equals(y.shape(), t.shape())) {
            throw new KisoException("MeanSquaredError: prediction " + Arrays.toString(y.shape())
                    + " and target " + Arrays.toString(t.shape()) + " must have the same shape [N, ...]");
        }
        y = y.contiguous();
        t = t.contiguous();
        Tensor diff = Buffers.reuse(this.diff, y.shape(), y);
        this.diff = null;  // until this forward has succeeded
        float[] ys = y.data();
        float[] ts = t.data();
        float[] ds = diff.data();
        double sum = 0;
        for (int i = 0; i < ds.length; i++) {
            float d = ys[y.offset() + i] - ts[t.offset() + i];
            ds[i] = d;
            sum += (double) d * d;
        }
        this.diff = diff;
        return (float) (0.5 * sum / y.shape(0));
    }

    @Override
    public Tensor backward() {
        Tensor diff = this.diff;
        if (diff == null) {
            throw new IllegalStateException("MeanSquaredError: backward() needs a successful forward(y, t) first");
        }
        float invN = 1f / diff.shape(0);
        float[] ds = diff.data();
        dy = Buffers.reuse(dy, diff.shape(), diff);
        float[] dys = dy.data();
        for (int i = 0; i < ds.length; i++) {
            dys[i] = ds[i] * invN;
        }
        return dy;
    }

    @Override
    public String toString() {
        return "MeanSquaredError()";
    }
}
