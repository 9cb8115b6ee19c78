package dev.kiso.plot;

import dev.kiso.KisoException;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Greyscale images in a grid, each with an optional caption: random-crop galleries, learned
 * convolution filters.
 *
 * <p>Grey level: {@code g = (v - lo) / (hi - lo)} clamped to [0, 1], black at 0 and white at 1
 * (reversed with {@link #inverted()}, the book's {@code gray_r}); [lo, hi] is [0, 1] by default, a
 * fixed {@link #range}, or each image's own min..max with {@link #normalizeEach()} (filters). NaN
 * pixels are drawn red. Images are enlarged by an integer factor with nearest-neighbour sampling,
 * so a 5x5 filter shows 25 crisp squares.
 *
 * <pre>{@code
 * ImageGrid filters = new ImageGrid(8).normalizeEach().inverted().title("conv1 filters");
 * for (int f = 0; f < 30; f++) filters.add(W.data(), W.offset() + f * 25, 5, 5, "" + f);
 * }</pre>
 */
public final class ImageGrid extends Chart {

    private static final Color NAN_COLOR = new Color(0xD62728);

    /** One image: width * height pixels, row by row. */
    private record Image(float[] data, int width, int height, String caption) {
    }

    private final int columns;
    private final List<Image> images = new ArrayList<>();
    private String title;
    private double lo = 0;
    private double hi = 1;
    private boolean eachOwnRange;
    private boolean inverted;
    private int scale;

    /**
     * An empty grid with this many images per row.
     *
     * @param columns images per row, at least 1
     * @throws KisoException if columns &lt; 1
     */
    public ImageGrid(int columns) {
        if (columns < 1) {
            throw new KisoException("ImageGrid: columns must be >= 1, found " + columns);
        }
        this.columns = columns;
    }

    /**
     * Adds an image without caption; the pixels are copied.
     *
     * @param pixels width * height values, row by row
     * @param width  image width
     * @param height image height
     * @return this grid
     * @throws KisoException if pixels.length != width * height
     */
    public ImageGrid add(float[] pixels, int width, int height) {
        return add(pixels, width, height, null);
    }

    /**
     * Adds an image with a caption; the pixels are copied.
     *
     * @param pixels  width * height values, row by row
     * @param width   image width
     * @param height  image height
     * @param caption text under the image, or null
     * @return this grid
     * @throws KisoException if pixels.length != width * height
     */
    public ImageGrid add(float[] pixels, int width, int height, String caption) {
        if (pixels != null && pixels.length != (long) width * height) {
            throw new KisoException("ImageGrid.add: " + width + "x" + height + " image needs " + (long) width * height
                    + " pixels, found " + pixels.length);
        }
        return add(pixels, 0, width, height, caption);
    }

    /**
     * Adds an image stored inside a larger array (one filter of a conv weight: offset
     * {@code f * kh * kw}); the pixels are copied.
     *
     * @param data    the array
     * @param offset  index of the image's first pixel
     * @param width   image width
     * @param height  image height
     * @param caption text under the image, or null
     * @return this grid
     * @throws KisoException if the sizes are not positive or the image does not fit in data
     */
    public ImageGrid add(float[] data, int offset, int width, int height, String caption) {
        Objects.requireNonNull(data, "pixels");
        if (width < 1 || height < 1) {
            throw new KisoException("ImageGrid.add: image size must be positive, found " + width + "x" + height);
        }
        if (offset < 0 || offset + (long) width * height > data.length) {
            throw new KisoException("ImageGrid.add: " + width + "x" + height + " image at offset " + offset
                    + " does not fit in an array of " + data.length + " values");
        }
        float[] copy = new float[width * height];
        System.arraycopy(data, offset, copy, 0, copy.length);
        images.add(new Image(copy, width, height, caption));
        return this;
    }

    /**
     * Maps [lo, hi] to black..white for every image (default [0, 1]).
     *
     * @param lo value drawn black
     * @param hi value drawn white, greater than lo
     * @return this grid
     * @throws KisoException if not lo &lt; hi (finite)
     */
    public ImageGrid range(double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new KisoException("ImageGrid.range: need finite lo < hi, found [" + lo + ", " + hi + "]");
        }
        this.lo = lo;
        this.hi = hi;
        this.eachOwnRange = false;
        return this;
    }

    /**
     * Maps each image's own min..max to black..white (filters, whose scale varies).
     *
     * @return this grid
     */
    public ImageGrid normalizeEach() {
        this.eachOwnRange = true;
        return this;
    }

    /**
     * Reverses the grey map: low values white, high values black (the book's {@code gray_r}).
     *
     * @return this grid
     */
    public ImageGrid inverted() {
        this.inverted = true;
        return this;
    }

    /**
     * Enlarges each image pixel to a {@code factor x factor} square when the grid is rendered at its
     * own {@link #size()} (default: the smallest factor making images at least 64 pixels wide).
     *
     * @param factor the enlargement, at least 1
     * @return this grid
     * @throws KisoException if factor &lt; 1
     */
    public ImageGrid scale(int factor) {
        if (factor < 1) {
            throw new KisoException("ImageGrid.scale: factor must be >= 1, found " + factor);
        }
        this.scale = factor;
        return this;
    }

    /**
     * Sets the title above the grid.
     *
     * @param title the title, or null for none
     * @return this grid
     */
    public ImageGrid title(String title) {
        this.title = title;
        return this;
    }

    private int maxWidth() {
        return images.stream().mapToInt(Image::width).max().orElse(28);
    }

    private int maxHeight() {
        return images.stream().mapToInt(Image::height).max().orElse(28);
    }

    private boolean hasCaptions() {
        return images.stream().anyMatch(i -> i.caption() != null && !i.caption().isEmpty());
    }

    private int rows() {
        return Math.max(1, (images.size() + columns - 1) / columns);
    }

    @Override
    public Dimension size() {
        int factor = scale > 0 ? scale : Math.max(1, (64 + Math.max(maxWidth(), maxHeight()) - 1) / Math.max(maxWidth(), maxHeight()));
        int cellW = maxWidth() * factor + 12;
        int cellH = maxHeight() * factor + 12 + (hasCaptions() ? 18 : 0);
        int cols = Math.min(columns, Math.max(1, images.size()));
        return new Dimension(Math.max(200, cols * cellW + 24), rows() * cellH + 24 + (title == null ? 0 : 34));
    }

    /** Where things go for an area: the theme, the title's top, each image's rectangle. */
    private record Layout(Theme t, int titleTop, Rectangle[] rects) {
    }

    private Layout layout(Graphics2D g, Rectangle area) {
        Theme t = Theme.forArea(area);
        int pad = t.size(12);
        int titleTop = area.y + pad / 2;
        int top = titleTop;
        if (title != null && !title.isEmpty()) {
            top += Theme.height(g, t.titleFont) + t.size(6);
        }
        int captionHeight = hasCaptions() ? Theme.height(g, t.tickFont) + t.size(2) : 0;
        int cols = Math.min(columns, Math.max(1, images.size()));
        double cellW = (area.width - pad) / (double) cols;
        double cellH = (area.y + area.height - pad / 2.0 - top) / rows();
        int gap = t.size(6);
        // the largest whole enlargement that fits every cell (fractional only when even 1x does not fit)
        double fit = Math.min((cellW - gap) / maxWidth(), (cellH - gap - captionHeight) / maxHeight());
        double factor = fit >= 1 ? Math.floor(fit) : Math.max(0.1, fit);
        Rectangle[] rects = new Rectangle[images.size()];
        for (int k = 0; k < images.size(); k++) {
            Image im = images.get(k);
            int w = (int) Math.round(im.width() * factor);
            int h = (int) Math.round(im.height() * factor);
            double cx = area.x + pad / 2.0 + (k % columns + 0.5) * cellW;
            int x0 = (int) Math.round(cx - w / 2.0);
            int y0 = (int) Math.round(top + (k / columns) * cellH + (cellH - captionHeight - h) / 2.0);
            rects[k] = new Rectangle(x0, y0, w, h);
        }
        return new Layout(t, titleTop, rects);
    }

    /** The rectangle image k is drawn into when the grid fills {@code area} (for tests). */
    Rectangle imageRect(Graphics2D g, Rectangle area, int k) {
        return layout(g, area).rects()[k];
    }

    @Override
    public void draw(Graphics2D g, Rectangle area) {
        Theme.antialias(g);
        Layout layout = layout(g, area);
        Theme t = layout.t();
        if (title != null && !title.isEmpty()) {
            g.setColor(Theme.TEXT);
            Theme.text(g, t.titleFont, title, area.x + area.width / 2.0, layout.titleTop(), 0.5, 0);
        }
        Graphics2D d = (Graphics2D) g.create();
        d.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int k = 0; k < images.size(); k++) {
            Image im = images.get(k);
            Rectangle r = layout.rects()[k];
            d.drawImage(greyImage(im), r.x, r.y, r.width, r.height, null);
            d.setColor(new Color(0xBBBBBB));
            d.draw(new Rectangle2D.Double(r.x - 0.5, r.y - 0.5, r.width + 1, r.height + 1)); // just outside the image
            if (im.caption() != null && !im.caption().isEmpty()) {
                d.setColor(Theme.TEXT);
                Theme.text(d, t.tickFont, im.caption(), r.x + r.width / 2.0, r.y + r.height + t.size(3), 0.5, 0);
            }
        }
        d.dispose();
    }

    /** The image at its own size, one grey level per value (see the class comment). */
    private BufferedImage greyImage(Image im) {
        double a = lo;
        double b = hi;
        if (eachOwnRange) {
            a = Double.POSITIVE_INFINITY;
            b = Double.NEGATIVE_INFINITY;
            for (float v : im.data()) {
                if (!Float.isNaN(v)) {
                    a = Math.min(a, v);
                    b = Math.max(b, v);
                }
            }
        }
        BufferedImage out = Charts.newImage(im.width(), im.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < im.height(); y++) {
            for (int x = 0; x < im.width(); x++) {
                float v = im.data()[y * im.width() + x];
                out.setRGB(x, y, Float.isNaN(v) ? NAN_COLOR.getRGB() : grey(level(v, a, b)));
            }
        }
        return out;
    }

    /** Grey level 0..255 of v on [a, b] (mid grey when the image is flat), after inversion. */
    int level(double v, double a, double b) {
        double f = b > a ? (v - a) / (b - a) : 0.5;
        int g = (int) Math.round(255 * Math.max(0, Math.min(1, f)));
        return inverted ? 255 - g : g;
    }

    private static int grey(int level) {
        return (level << 16) | (level << 8) | level;
    }
}
