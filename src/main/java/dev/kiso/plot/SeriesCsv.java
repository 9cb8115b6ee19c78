package dev.kiso.plot;

import dev.kiso.AtomicWrite;
import dev.kiso.KisoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The numbers behind a chart as CSV in long form, one row per point, with the run's settings in
 * comment lines first, so that a run can be reproduced from the file:
 *
 * <pre>
 * # experiment=vg-relu-he
 * # seed=42
 * series,x,y
 * training set,10,0.31
 * test set,10,0.2874
 * </pre>
 *
 * <p>Names with commas, quotes or line breaks are quoted as RFC 4180 says; non-finite values are
 * written {@code NaN}, {@code Infinity}, {@code -Infinity}; whole numbers without ".0". Read it
 * with pandas as {@code pd.read_csv(path, comment="#")}. {@link #write} goes through a temporary
 * file and a rename.
 */
public final class SeriesCsv {

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<String> rows = new ArrayList<>();

    /** Creates an empty file description: no settings, no rows. */
    public SeriesCsv() {
    }

    /**
     * Records a setting as a {@code # key=value} header line (in the order given; setting a key
     * again replaces its value). Line breaks in the value are written as {@code \n}.
     *
     * @param key   the name: not empty, without '=' or line breaks
     * @param value the value (its {@code toString()}; null is written as "null")
     * @return this
     * @throws KisoException if the key is not usable
     */
    public SeriesCsv setting(String key, Object value) {
        if (key == null || key.isEmpty() || key.contains("=") || key.contains("\n") || key.contains("\r")) {
            throw new KisoException("SeriesCsv.setting: key must be non-empty without '=' or line breaks, found '" + key + "'");
        }
        settings.put(key, String.valueOf(value).replace("\r", "\\r").replace("\n", "\\n"));
        return this;
    }

    /**
     * Adds every point of a series (NaN points too: the file keeps what was measured).
     *
     * @param s the series
     * @return this
     */
    public SeriesCsv add(Series s) {
        return add("", s);
    }

    /**
     * Adds all the numbers a chart plots: the series of a line or contour chart, the bin centres and
     * counts of histograms, the category values of a bar chart; panels of a grid prefix their series
     * names with their title ({@code W:0.1/Batch Normalization}). Image grids add nothing.
     *
     * @param chart the chart
     * @return this
     */
    public SeriesCsv add(Chart chart) {
        Objects.requireNonNull(chart, "chart").exportRows("", this);
        return this;
    }

    /**
     * Adds one row.
     *
     * @param series the series name
     * @param x      x value
     * @param y      y value
     * @return this
     */
    public SeriesCsv add(String series, double x, double y) {
        return add(series, number(x), y);
    }

    /**
     * Adds one row whose x is a name (a category of a bar chart).
     *
     * @param series the series name
     * @param x      the category
     * @param y      the value
     * @return this
     */
    public SeriesCsv add(String series, String x, double y) {
        rows.add(field(series) + "," + field(x) + "," + number(y));
        return this;
    }

    /** Adds a series whose name is prefixed with {@code prefix + "/"} when the prefix is not empty. */
    SeriesCsv add(String prefix, Series s) {
        String name = join(prefix, s.name());
        for (int i = 0; i < s.size(); i++) {
            add(name, s.x(i), s.y(i));
        }
        return this;
    }

    /** "prefix/name", or whichever of the two is not empty. */
    static String join(String prefix, String name) {
        if (prefix == null || prefix.isEmpty()) {
            return name;
        }
        return name.isEmpty() ? prefix : prefix + "/" + name;
    }

    /**
     * The file's text: settings comments, the header {@code series,x,y}, the rows; lines end with
     * '\n'.
     *
     * @return the CSV text
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append("# ").append(k).append('=').append(v).append('\n'));
        sb.append("series,x,y\n");
        for (String row : rows) {
            sb.append(row).append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes {@link #text()} as UTF-8 to {@code file} through a temporary file renamed into
     * place; missing parent directories are created.
     *
     * @param file the CSV file to (over)write
     * @throws KisoException naming the file if it cannot be written
     */
    public void write(Path file) {
        String text = text();
        AtomicWrite.writeCreatingParents(Objects.requireNonNull(file, "file"), "CSV series",
                tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** Shortest exact form: "10" for whole numbers, Java's round-trip form otherwise. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    private static String field(String s) {
        Objects.requireNonNull(s, "CSV field");
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
