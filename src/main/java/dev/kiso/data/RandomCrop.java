package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * Pads each image of a batch with zeros and cuts a window at a random position, a fresh position
 * per example (all channels of one example alike): torchvision's
 * {@code RandomCrop(size, padding)} on {@code [B, C, H, W]}.
 *
 * <p>With padding {@code p}, every top offset {@code 0..H+2p-height} and left offset
 * {@code 0..W+2p-width} of the padded image is equally likely. The output buffer is reused from
 * one call to the next (see {@link BatchTransform}).
 */
public final class RandomCrop implements BatchTransform {

    private final int height;
    private final int width;
    private final int padding;
    private Tensor out;

    /**
     * @param height  rows of the crop
     * @param width   columns of the crop
     * @param padding zeros added on each side before cropping (0 for none)
     */
    public RandomCrop(int height, int width, int padding) {
        if (height <= 0 || width <= 0 || padding < 0) {
            throw new KisoException("RandomCrop: size must be positive and padding non-negative, got "
                    + height + "x" + width + " padding " + padding);
        }
        this.height = height;
        this.width = width;
        this.padding = padding;
    }

    /**
     * @param batch images {@code [B, ..., H, W]}
     * @param rng   draws, for each example in turn, the top then the left offset
     * @return the crops {@code [B, ..., height, width]}, in a reused buffer
     */
    @Override
    public Tensor apply(Tensor batch, Random rng) {
        Augment.checkBatch("RandomCrop", batch);
        int H = batch.shape(-2);
        int W = batch.shape(-1);
        Augment.checkCrop("RandomCrop", H, W, height, width, padding);
        int[] shape = batch.shape();
        shape[shape.length - 2] = height;
        shape[shape.length - 1] = width;
        out = Augment.reuse(out, shape);
        Tensor x = batch.contiguous();
        int B = batch.shape(0);
        int planes = B == 0 ? 0 : batch.size() / (B * H * W); // channels per example
        for (int n = 0; n < B; n++) {
            int top = rng.nextInt(H + 2 * padding - height + 1) - padding;
            int left = rng.nextInt(W + 2 * padding - width + 1) - padding;
            for (int c = 0; c < planes; c++) {
                int plane = n * planes + c;
                Augment.window(x.data(), x.offset() + plane * H * W, H, W,
                        out.data(), plane * height * width, height, width, top, left);
            }
        }
        return out;
    }

    /** @return e.g. {@code RandomCrop(28x28, padding=2)} */
    @Override
    public String toString() {
        return "RandomCrop(" + height + "x" + width + ", padding=" + padding + ")";
    }
}
