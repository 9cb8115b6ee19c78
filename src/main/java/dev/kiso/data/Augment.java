package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * Image augmentations on one image {@code [..., H, W]} (the leading axes, usually the channels,
 * are treated alike): zero padding, random crop, horizontal flip. Each returns a new tensor.
 *
 * <p>For whole batches inside a training loop use the {@link BatchTransform}s {@link RandomCrop}
 * and {@link RandomFlip}, which apply the same kernels per example and reuse their buffers.
 */
public final class Augment {

    private Augment() {
    }

    /**
     * Pads the last two axes with zeros.
     *
     * @param image   the image {@code [..., H, W]}
     * @param padding zeros added on each side
     * @return a new tensor {@code [..., H + 2p, W + 2p]}
     */
    public static Tensor pad(Tensor image, int padding) {
        if (padding < 0) {
            throw new KisoException("Augment.pad: padding must be non-negative, got " + padding);
        }
        int h = height(image, "Augment.pad") + 2 * padding;
        int w = width(image) + 2 * padding;
        return window(image, h, w, -padding, -padding);
    }

    /**
     * Cuts a {@code cropHeight × cropWidth} window at a random position; every top offset
     * {@code 0..H-cropHeight} and left offset {@code 0..W-cropWidth} is equally likely. All leading
     * planes (channels) use the same window.
     *
     * @param image      the image {@code [..., H, W]}
     * @param cropHeight rows to keep
     * @param cropWidth  columns to keep
     * @param rng        draws the top offset, then the left offset
     * @return a new tensor {@code [..., cropHeight, cropWidth]}
     * @throws KisoException if the crop is larger than the image
     */
    public static Tensor randomCrop(Tensor image, int cropHeight, int cropWidth, Random rng) {
        int h = height(image, "Augment.randomCrop");
        int w = width(image);
        checkCrop("Augment.randomCrop", h, w, cropHeight, cropWidth, 0);
        int top = rng.nextInt(h - cropHeight + 1);
        int left = rng.nextInt(w - cropWidth + 1);
        return window(image, cropHeight, cropWidth, top, left);
    }

    /**
     * Mirrors the image left to right.
     *
     * @param image the image {@code [..., H, W]}
     * @return a new tensor, same shape
     */
    public static Tensor flipHorizontal(Tensor image) {
        int h = height(image, "Augment.flipHorizontal");
        int w = width(image);
        Tensor src = image.contiguous();
        Tensor out = Tensor.zeros(image.shape());
        for (int plane = 0; plane < image.size() / (h * w); plane++) {
            mirror(src.data(), src.offset() + plane * h * w, h, w, out.data(), plane * h * w);
        }
        return out;
    }

    /**
     * Mirrors the image left to right with probability ½.
     *
     * @param image the image {@code [..., H, W]}
     * @param rng   draws the coin
     * @return a new tensor, same shape: flipped or a copy
     */
    public static Tensor randomFlip(Tensor image, Random rng) {
        return rng.nextBoolean() ? flipHorizontal(image) : image.copy();
    }

    // ------------------------------------------------------------------ kernels shared with the batch transforms

    /** A window {@code [h, w]} whose top-left corner sits at (top, left) of the image; outside reads as 0. */
    private static Tensor window(Tensor image, int h, int w, int top, int left) {
        int srcH = image.shape(-2);
        int srcW = image.shape(-1);
        int[] shape = image.shape();
        shape[shape.length - 2] = h;
        shape[shape.length - 1] = w;
        Tensor src = image.contiguous();
        Tensor out = Tensor.zeros(shape);
        int planes = image.size() / (srcH * srcW);
        for (int plane = 0; plane < planes; plane++) {
            window(src.data(), src.offset() + plane * srcH * srcW, srcH, srcW,
                    out.data(), plane * h * w, h, w, top, left);
        }
        return out;
    }

    /**
     * Copies the {@code h × w} window at (top, left) of one {@code H × W} plane; source pixels outside
     * the plane (negative offsets are padding) are written as 0.
     */
    static void window(float[] src, int srcOff, int H, int W, float[] dst, int dstOff, int h, int w, int top, int left) {
        int x0 = Math.max(0, -left);               // first output column inside the source
        int x1 = Math.min(w, W - left);            // one past the last
        for (int y = 0; y < h; y++) {
            int sy = top + y;
            int row = dstOff + y * w;
            if (sy < 0 || sy >= H || x1 <= x0) {
                Arrays.fill(dst, row, row + w, 0f);
                continue;
            }
            Arrays.fill(dst, row, row + x0, 0f);
            System.arraycopy(src, srcOff + sy * W + left + x0, dst, row + x0, x1 - x0);
            Arrays.fill(dst, row + Math.max(x0, x1), row + w, 0f);
        }
    }

    /** Copies one {@code H × W} plane mirrored left to right. */
    static void mirror(float[] src, int srcOff, int H, int W, float[] dst, int dstOff) {
        for (int y = 0; y < H; y++) {
            int s = srcOff + y * W;
            int d = dstOff + y * W + W - 1;
            for (int x = 0; x < W; x++) {
                dst[d - x] = src[s + x];
            }
        }
    }

    static void checkCrop(String op, int h, int w, int cropHeight, int cropWidth, int padding) {
        if (cropHeight <= 0 || cropWidth <= 0 || cropHeight > h + 2 * padding || cropWidth > w + 2 * padding) {
            throw new KisoException(op + ": crop " + cropHeight + "x" + cropWidth + " does not fit the "
                    + (padding > 0 ? "padded " : "") + "image " + (h + 2 * padding) + "x" + (w + 2 * padding)
                    + (padding > 0 ? " (" + h + "x" + w + " plus padding " + padding + ")" : ""));
        }
    }

    static void checkBatch(String op, Tensor batch) {
        if (batch.rank() < 3) {
            throw new KisoException(op + ": expected a batch of images [B, ..., H, W], got shape "
                    + Arrays.toString(batch.shape()));
        }
    }

    /**
     * The given buffer if it already has this shape, otherwise a new one (how the batch transforms
     * reuse their outputs).
     */
    static Tensor reuse(Tensor buffer, int[] shape) {
        return buffer != null && Arrays.equals(buffer.shape(), shape) ? buffer : Tensor.zeros(shape);
    }

    private static int height(Tensor image, String op) {
        if (image.rank() < 2) {
            throw new KisoException(op + ": expected an image [..., H, W], got shape " + Arrays.toString(image.shape()));
        }
        return image.shape(-2);
    }

    private static int width(Tensor image) {
        return image.shape(-1);
    }
}
