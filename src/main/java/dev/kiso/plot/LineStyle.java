package dev.kiso.plot;

import java.awt.BasicStroke;

/**
 * How the points of a series are joined.
 */
public enum LineStyle {
    /** A solid line. */
    SOLID,
    /** A dashed line (for the second of two related curves: train vs. val, no-BN vs. BN). */
    DASHED,
    /** A dotted line. */
    DOTTED,
    /** No line: markers only (a scatter of points). */
    NONE;

    /** The stroke for this style at the given line width. */
    BasicStroke stroke(float width) {
        return switch (this) {
            case SOLID, NONE -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
            case DASHED -> new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {4 * width, 2.5f * width}, 0f);
            case DOTTED -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {0.1f, 2 * width}, 0f);
        };
    }
}
