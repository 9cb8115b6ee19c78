/**
 * Charts for learning curves and the course's figures, drawn with the JDK's own Java2D and
 * written as PNG with ImageIO: no dependency beyond the {@code java.desktop} module.
 *
 * <p>The chart types, each one small class:
 * <ul>
 *   <li>{@link dev.kiso.plot.LineChart}: named {@link dev.kiso.plot.Series} of (x, y) points,
 *       solid or dashed, with optional markers (learning and loss curves);</li>
 *   <li>{@link dev.kiso.plot.Histogram} and {@link dev.kiso.plot.HistogramRow}: one histogram,
 *       or several side by side sharing a y range (activation histograms);</li>
 *   <li>{@link dev.kiso.plot.ChartGrid}: small multiples of any charts under one title;</li>
 *   <li>{@link dev.kiso.plot.ContourChart}: contours of f(x, y) with paths drawn over them
 *       (optimizer trajectories);</li>
 *   <li>{@link dev.kiso.plot.ImageGrid}: greyscale images in a grid (crops, conv filters);</li>
 *   <li>{@link dev.kiso.plot.BarChart}: values per category, in one or more groups.</li>
 * </ul>
 * {@link dev.kiso.plot.Charts} renders any of them to an image or writes a PNG file, and
 * {@link dev.kiso.plot.SeriesCsv} writes the plotted numbers in long form ({@code series,x,y})
 * with the run's settings in a {@code #} header. Both write to a temporary file and rename it into
 * place, so a crash never leaves half a file.
 *
 * <p>Headless: {@link dev.kiso.plot.Charts} sets {@code java.awt.headless=true} when the property
 * is not set, before the first image is created; charts need no display. Start the JVM with
 * {@code -Djava.awt.headless=false} to keep a Swing/AWT user interface in the same process.
 *
 * <p>The package depends on nothing else in Kiso except {@link dev.kiso.KisoException}: series are
 * plain {@code double[]} or {@code float[]}.
 */
package dev.kiso.plot;
