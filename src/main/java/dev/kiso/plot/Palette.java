package dev.kiso.plot;

import java.awt.Color;
import java.util.List;

/**
 * The colours given to series in order: Tableau 10 (the "classic" set that matplotlib uses by
 * default, so Kiso's charts look like the book's).
 */
public final class Palette {

    /** Blue, orange, green, red, purple, brown, pink, grey, olive, cyan. */
    public static final List<Color> TABLEAU_10 = List.of(
            new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728),
            new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
            new Color(0xBCBD22), new Color(0x17BECF));

    private Palette() {
    }

    /**
     * The colour of the i-th series (cycling after ten).
     *
     * @param i the series index, from 0
     * @return the colour
     */
    public static Color color(int i) {
        return TABLEAU_10.get(Math.floorMod(i, TABLEAU_10.size()));
    }
}
