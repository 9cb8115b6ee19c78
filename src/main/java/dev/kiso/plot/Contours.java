package dev.kiso.plot;

import java.awt.geom.Path2D;

/**
 * Marching squares: the line where a sampled function crosses a level.
 *
 * <p>z holds {@code nx * ny} samples, row by row, sample (i, j) at pixel
 * {@code (x0 + i * step, y0 + j * step)}. In each cell of four samples the corners at or above the
 * level are marked, and the crossing on each edge with one marked end is placed by linear
 * interpolation. The two ambiguous cells (marked corners on a diagonal) are decided by the mean
 * of the four corners. Cells with a NaN corner get no line.
 */
final class Contours {

    // cell edges: top (a-b), right (b-c), bottom (d-c), left (a-d); corners a b / d c
    private static final int TOP = 0;
    private static final int RIGHT = 1;
    private static final int BOTTOM = 2;
    private static final int LEFT = 3;

    /**
     * Segments (pairs of edges) for each corner pattern a*8 + b*4 + c*2 + d (1 = at or above the
     * level); the saddles 5 and 10 are the case where the centre is below the level.
     */
    private static final int[][] SEGMENTS = {
        {}, {LEFT, BOTTOM}, {BOTTOM, RIGHT}, {LEFT, RIGHT},
        {TOP, RIGHT}, {TOP, RIGHT, LEFT, BOTTOM}, {TOP, BOTTOM}, {LEFT, TOP},
        {LEFT, TOP}, {TOP, BOTTOM}, {LEFT, TOP, BOTTOM, RIGHT}, {TOP, RIGHT},
        {LEFT, RIGHT}, {BOTTOM, RIGHT}, {LEFT, BOTTOM}, {},
    };

    private Contours() {
    }

    /** The contour of {@code level} as a path of separate segments, in pixel coordinates. */
    static Path2D lines(double[] z, int nx, int ny, double x0, double y0, double step, double level) {
        Path2D.Double path = new Path2D.Double();
        double[] xy = new double[2];
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                double a = z[j * nx + i];
                double b = z[j * nx + i + 1];
                double c = z[(j + 1) * nx + i + 1];
                double d = z[(j + 1) * nx + i];
                if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(d)) {
                    continue;
                }
                int pattern = (a >= level ? 8 : 0) | (b >= level ? 4 : 0) | (c >= level ? 2 : 0) | (d >= level ? 1 : 0);
                int[] edges = SEGMENTS[pattern];
                if ((pattern == 5 || pattern == 10) && (a + b + c + d) / 4 >= level) {
                    // centre above the level: the marked diagonal joins, the other corners are cut off
                    edges = SEGMENTS[15 - pattern];
                }
                double cx = x0 + i * step;
                double cy = y0 + j * step;
                for (int s = 0; s < edges.length; s += 2) {
                    crossing(edges[s], a, b, c, d, level, cx, cy, step, xy);
                    path.moveTo(xy[0], xy[1]);
                    crossing(edges[s + 1], a, b, c, d, level, cx, cy, step, xy);
                    path.lineTo(xy[0], xy[1]);
                }
            }
        }
        return path;
    }

    /** Where the level crosses one edge of the cell whose top-left corner is at (cx, cy). */
    private static void crossing(int edge, double a, double b, double c, double d, double level,
                                 double cx, double cy, double step, double[] xy) {
        switch (edge) {
            case TOP -> {
                xy[0] = cx + step * t(a, b, level);
                xy[1] = cy;
            }
            case RIGHT -> {
                xy[0] = cx + step;
                xy[1] = cy + step * t(b, c, level);
            }
            case BOTTOM -> {
                xy[0] = cx + step * t(d, c, level);
                xy[1] = cy + step;
            }
            default -> {
                xy[0] = cx;
                xy[1] = cy + step * t(a, d, level);
            }
        }
    }

    /** Fraction of the way from value u to value v where the level lies. */
    private static double t(double u, double v, double level) {
        return u == v ? 0.5 : (level - u) / (v - u);
    }
}
