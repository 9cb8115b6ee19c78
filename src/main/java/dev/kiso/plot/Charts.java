package dev.kiso.plot;

import dev.kiso.AtomicWrite;
import dev.kiso.KisoException;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Renders charts to images and writes them as PNG files.
 *
 * <p>Headless: the first use of this class sets the system property {@code java.awt.headless} to
 * {@code true} if it is not set, so charts render on servers and in CI without a display. This is
 * the one place in Kiso that touches AWT settings. An application with a Swing/AWT user interface
 * should start the JVM with {@code -Djava.awt.headless=false}.
 *
 * <pre>{@code
 * Charts.writePng(chart, Path.of("runs/vg-relu-he.png"));
 * }</pre>
 */
public final class Charts {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /**
     * Renders a chart at its own {@link Chart#size() size} on a white background.
     *
     * @param chart the chart
     * @return an RGB image
     */
    public static BufferedImage render(Chart chart) {
        Dimension d = Objects.requireNonNull(chart, "chart").size();
        return render(chart, d.width, d.height);
    }

    /**
     * Renders a chart at the given size on a white background.
     *
     * @param chart  the chart
     * @param width  image width in pixels, at least 50
     * @param height image height in pixels, at least 50
     * @return an RGB image
     * @throws KisoException if the size is too small
     */
    public static BufferedImage render(Chart chart, int width, int height) {
        Objects.requireNonNull(chart, "chart");
        if (width < 50 || height < 50 || (long) width * height > 100_000_000L) {
            throw new KisoException("Charts.render: image size must be at least 50x50 and at most 1e8 pixels, found "
                    + width + "x" + height);
        }
        BufferedImage image = newImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Theme.BACKGROUND);
        g.fillRect(0, 0, width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        g.dispose();
        return image;
    }

    /**
     * Writes the chart as a PNG at its own size, through a temporary file renamed into place.
     * Missing parent directories are created.
     *
     * @param chart the chart
     * @param file  the PNG file to (over)write
     * @throws KisoException naming the file if it cannot be written
     */
    public static void writePng(Chart chart, Path file) {
        writePng(render(chart), file);
    }

    /**
     * Writes the chart as a PNG at the given size, through a temporary file renamed into place.
     *
     * @param chart  the chart
     * @param file   the PNG file to (over)write
     * @param width  image width in pixels
     * @param height image height in pixels
     * @throws KisoException naming the file if it cannot be written
     */
    public static void writePng(Chart chart, Path file, int width, int height) {
        writePng(render(chart, width, height), file);
    }

    private static void writePng(BufferedImage image, Path file) {
        AtomicWrite.writeCreatingParents(Objects.requireNonNull(file, "file"), "PNG chart", tmp -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0f); // 0 = smallest file (deflate level 9); charts compress well
            try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
                if (out == null) {
                    throw new IOException("cannot open an image stream on " + tmp);
                }
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        });
    }

    /** A new image; the only place the package creates one, after the headless default is set. */
    static BufferedImage newImage(int width, int height, int type) {
        return new BufferedImage(width, height, type);
    }
}
