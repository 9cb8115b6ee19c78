package dev.kiso.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/** Test helpers: colour comparisons on rendered images, and a Graphics2D for layout queries. */
final class Pixels {

    private Pixels() {
    }

    /** A graphics context with the same hints charts draw with, so layouts match the rendering. */
    static Graphics2D graphics() {
        Graphics2D g = Charts.newImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        Theme.antialias(g);
        return g;
    }

    /** Largest channel difference between the pixel (x, y) and c. */
    static int distance(BufferedImage image, int x, int y, Color c) {
        Color p = new Color(image.getRGB(x, y));
        return Math.max(Math.abs(p.getRed() - c.getRed()),
                Math.max(Math.abs(p.getGreen() - c.getGreen()), Math.abs(p.getBlue() - c.getBlue())));
    }

    /** True if some pixel within {@code radius} of (x, y) is within {@code tolerance} of c. */
    static boolean near(BufferedImage image, double x, double y, int radius, Color c, int tolerance) {
        int cx = (int) Math.floor(x);
        int cy = (int) Math.floor(y);
        for (int py = cy - radius; py <= cy + radius; py++) {
            for (int px = cx - radius; px <= cx + radius; px++) {
                if (px >= 0 && py >= 0 && px < image.getWidth() && py < image.getHeight()
                        && distance(image, px, py, c) <= tolerance) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many pixels inside r are within {@code tolerance} of c. */
    static int count(BufferedImage image, Rectangle r, Color c, int tolerance) {
        int n = 0;
        for (int py = r.y; py < r.y + r.height; py++) {
            for (int px = r.x; px < r.x + r.width; px++) {
                if (distance(image, px, py, c) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }
}
