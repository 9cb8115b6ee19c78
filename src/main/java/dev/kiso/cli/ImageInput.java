package dev.kiso.cli;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Turns a PNG or JPEG file into a Fashion-MNIST-like input {@code [1, 1, 28, 28]} in {@code [0, 1]}:
 *
 * <ol>
 *   <li>grey: a grey image's own values; for a colour image {@code 0.299·R + 0.587·G + 0.114·B};
 *       transparent pixels composited on white;</li>
 *   <li>resized to 28×28 by area averaging: each output pixel is the mean of the source area it
 *       covers, partly covered pixels weighted by the part covered;</li>
 *   <li>inverted ({@code 1 − v}) when the border is light (mean above ½), because Fashion-MNIST
 *       shows light garments on a black background, while photos usually have a light one.</li>
 * </ol>
 */
final class ImageInput {
    /** The side of a Fashion-MNIST image. */
    static final int SIDE = 28;

    /** The image as the model sees it, and whether it was inverted. */
    record Result(Tensor x, boolean inverted) {
    }

    private ImageInput() {
    }

    /**
     * @param file         a PNG or JPEG image
     * @param allowInvert  whether to invert an image with a light border
     * @return the input {@code [1, 1, 28, 28]}
     */
    static Result read(Path file, boolean allowInvert) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new KisoException(file + ": not an image ImageIO can read (use PNG or JPEG)");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        float[] grey = image.getRaster().getNumBands() <= 2 ? greyBands(image) : luminance(image);
        float[] small = resize(grey, h, w, SIDE, SIDE);
        boolean invert = allowInvert && borderMean(small, SIDE) > 0.5;
        if (invert) {
            for (int i = 0; i < small.length; i++) {
                small[i] = 1f - small[i];
            }
        }
        return new Result(Tensor.of(small, 1, 1, SIDE, SIDE), invert);
    }

    /**
     * A grey image's own sample values (a second band is alpha). Read from the raster, because
     * {@code getRGB} would pass them through Java's linear-grey-to-sRGB conversion and brighten them.
     */
    private static float[] greyBands(BufferedImage image) {
        Raster r = image.getRaster();
        int h = image.getHeight();
        int w = image.getWidth();
        double max = (1 << r.getSampleModel().getSampleSize(0)) - 1;
        float[] grey = new float[h * w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double v = r.getSample(j, i, 0) / max;
                double a = r.getNumBands() == 2 ? r.getSample(j, i, 1) / max : 1;
                grey[i * w + j] = (float) (a * v + (1 - a));
            }
        }
        return grey;
    }

    /** The luminance {@code 0.299·R + 0.587·G + 0.114·B} of a colour image, transparent parts on white. */
    private static float[] luminance(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[] grey = new float[h * w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                int argb = image.getRGB(j, i);
                double a = (argb >>> 24) / 255.0;
                double lum = 0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff);
                grey[i * w + j] = (float) ((a * lum + (1 - a) * 255) / 255);
            }
        }
        return grey;
    }

    /** Area-averaging resize of a {@code h×w} image to {@code oh×ow}, rows then columns. */
    static float[] resize(float[] src, int h, int w, int oh, int ow) {
        double[][] rows = weights(h, oh);
        double[][] cols = weights(w, ow);
        float[] tmp = new float[oh * w];
        for (int o = 0; o < oh; o++) {
            for (int i = 0; i < h; i++) {
                double wt = rows[o][i];
                if (wt != 0) {
                    for (int j = 0; j < w; j++) {
                        tmp[o * w + j] += (float) (wt * src[i * w + j]);
                    }
                }
            }
        }
        float[] out = new float[oh * ow];
        for (int o = 0; o < oh; o++) {
            for (int p = 0; p < ow; p++) {
                double sum = 0;
                for (int j = 0; j < w; j++) {
                    sum += cols[p][j] * tmp[o * w + j];
                }
                out[o * ow + p] = (float) sum;
            }
        }
        return out;
    }

    /**
     * {@code weights[o][i]}: the share of source cell {@code i} in output cell {@code o}, when
     * {@code n} source cells are spread over {@code m} output cells (each row sums to 1).
     */
    private static double[][] weights(int n, int m) {
        double[][] wt = new double[m][n];
        double scale = (double) n / m;   // source cells per output cell
        for (int o = 0; o < m; o++) {
            double lo = o * scale;
            double hi = (o + 1) * scale;
            for (int i = (int) Math.floor(lo); i < Math.min(n, (int) Math.ceil(hi)); i++) {
                double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                wt[o][i] = overlap / scale;
            }
        }
        return wt;
    }

    private static double borderMean(float[] img, int side) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                if (i == 0 || j == 0 || i == side - 1 || j == side - 1) {
                    sum += img[i * side + j];
                    count++;
                }
            }
        }
        return sum / count;
    }
}
