package dev.kiso.plot;

import java.awt.Color;

/**
 * Viridis, the perceptually uniform colour map (dark purple to yellow), by linear interpolation
 * between eleven anchor colours; used for contour levels.
 */
final class ColorMap {

    private static final int[] VIRIDIS = {
        0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C, 0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725,
    };

    private ColorMap() {
    }

    /** The colour at position t in [0, 1] (clamped). */
    static Color viridis(double t) {
        double p = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) p, VIRIDIS.length - 2);
        double f = p - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    /** The colour at t blended with white, {@code white} being the share of white (0..1). */
    static Color light(double t, double white) {
        Color c = viridis(t);
        return new Color(toward255(c.getRed(), white), toward255(c.getGreen(), white), toward255(c.getBlue(), white));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xFF) + f * ((b & 0xFF) - (a & 0xFF)));
    }

    private static int toward255(int v, double white) {
        return (int) Math.round(v + white * (255 - v));
    }
}
