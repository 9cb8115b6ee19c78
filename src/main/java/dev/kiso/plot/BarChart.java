package dev.kiso.plot;

import dev.kiso.KisoException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Values per category as bars from zero: one group of bars, or several groups side by side
 * (train and test accuracy per method). Each bar is labelled with its value.
 *
 * <pre>{@code
 * BarChart bars = new BarChart("none", "L1", "L2", "ElasticNet").yLabel("test accuracy").yRange(0, 1)
 *         .add("test", 0.71, 0.72, 0.74, 0.74);
 * }</pre>
 */
public final class BarChart extends AxesChart<BarChart> {

    /** Share of a category's width taken by its bars. */
    private static final double GROUP_WIDTH = 0.8;

    private record Group(String name, double[] values) {
    }

    private final String[] categories;
    private final List<Group> groups = new ArrayList<>();
    private boolean valueLabels = true;

    /**
     * A bar chart over these categories, left to right.
     *
     * @param categories the names under the bars, at least one
     * @throws KisoException if there is no category
     */
    public BarChart(String... categories) {
        if (categories == null || categories.length == 0) {
            throw new KisoException("BarChart: need at least one category");
        }
        this.categories = categories.clone();
        for (String c : this.categories) {
            Objects.requireNonNull(c, "category");
        }
    }

    /**
     * Adds a group: one value per category, drawn in the next palette colour.
     *
     * @param name   the group's legend label ("" for none)
     * @param values one value per category (NaN: no bar)
     * @return this chart
     * @throws KisoException if the number of values differs from the number of categories
     */
    public BarChart add(String name, double... values) {
        Objects.requireNonNull(name, "name");
        if (values == null || values.length != categories.length) {
            throw new KisoException("BarChart.add('" + name + "'): need " + categories.length + " values (one per category), found "
                    + (values == null ? "null" : values.length));
        }
        groups.add(new Group(name, values.clone()));
        return this;
    }

    /**
     * Shows or hides the value written above each bar (default shown).
     *
     * @param show false to hide
     * @return this chart
     */
    public BarChart valueLabels(boolean show) {
        this.valueLabels = show;
        return this;
    }

    /** Centre x of bar (category c, group k): categories sit at 0, 1, 2, ... */
    double barCentre(int c, int k) {
        double w = GROUP_WIDTH / groups.size();
        return c - GROUP_WIDTH / 2 + (k + 0.5) * w;
    }

    @Override
    void extent(Bounds b) {
        b.addY(isLogY() ? Double.NaN : 0);
        for (Group gr : groups) {
            for (double v : gr.values()) {
                // room above the tallest bar for its label
                b.addY(valueLabels && v > 0 ? v * 1.08 : v);
            }
        }
    }

    @Override
    void pin(double[] ends) {
        ends[0] = -0.5;
        ends[1] = categories.length - 0.5;
        boolean negative = groups.stream().flatMapToDouble(gr -> java.util.Arrays.stream(gr.values())).anyMatch(v -> v < 0);
        if (!isLogY() && !negative) {
            ends[2] = 0;
        }
    }

    @Override
    Ticks.TickSet categoryTicks() {
        double[] positions = new double[categories.length];
        for (int c = 0; c < positions.length; c++) {
            positions[c] = c;
        }
        return new Ticks.TickSet(positions, categories.clone(), new double[0]);
    }

    @Override
    void drawData(Graphics2D g, PlotFrame f) {
        double base = isLogY() || f.y.lo > 0 ? f.plot.y + f.plot.height : Math.min(f.plot.y + f.plot.height, f.py(0));
        double barWidth = f.plot.width / (double) categories.length * GROUP_WIDTH / Math.max(1, groups.size());
        Graphics2D d = (Graphics2D) g.create();
        for (int k = 0; k < groups.size(); k++) {
            double[] values = groups.get(k).values();
            for (int c = 0; c < categories.length; c++) {
                double top = f.py(values[c]);
                if (!Double.isFinite(top)) {
                    continue;
                }
                double x0 = f.px(barCentre(c, k)) - barWidth / 2;
                d.setColor(Palette.color(k));
                d.fill(new Rectangle2D.Double(x0 + 1, Math.min(top, base), barWidth - 2, Math.abs(base - top)));
                if (valueLabels) {
                    d.setColor(Theme.TEXT);
                    boolean up = values[c] >= 0;
                    Theme.text(d, f.t.tickFont, label(values[c]), x0 + barWidth / 2, top + (up ? -f.t.size(2) : f.t.size(2)),
                            0.5, up ? 1 : 0);
                }
            }
        }
        d.dispose();
    }

    /** Three significant digits, no trailing zeros: 0.7412 becomes "0.741", 12.0 becomes "12". */
    private static String label(double v) {
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    @Override
    List<Legend.Entry> legendEntries() {
        List<Legend.Entry> entries = new ArrayList<>();
        for (int k = 0; k < groups.size(); k++) {
            Color color = Palette.color(k);
            if (!groups.get(k).name().isEmpty()) {
                entries.add(new Legend.Entry(groups.get(k).name(), color, LineStyle.SOLID, Marker.NONE, true));
            }
        }
        return entries;
    }

    @Override
    void exportRows(String prefix, SeriesCsv csv) {
        for (Group gr : groups) {
            String name = SeriesCsv.join(prefix, gr.name());
            for (int c = 0; c < categories.length; c++) {
                csv.add(name, categories[c], gr.values()[c]);
            }
        }
    }
}
