package dev.kiso.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * The default listener: per epoch, batches done of total, running loss and metrics,
 * samples per second, elapsed and remaining time. On an interactive terminal the line is redrawn
 * in place (carriage return) as batches finish; elsewhere (a file, CI) one plain line is printed
 * per epoch.
 */
public final class ProgressBar implements TrainingListener {

    private static final int WIDTH = 20;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private int epochs;
    private int samples;
    private int batches;
    private long epochStart;
    private long lastDraw;
    private int lastBatch;

    /**
     * @param out         where to print
     * @param interactive redraw one line with {@code '\r'} (a terminal) instead of printing a line per epoch
     */
    public ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** @return a bar on standard output, interactive when a console is attached and {@code CI} is unset */
    public static ProgressBar onStandardOutput() {
        return new ProgressBar(System.out, System.console() != null && System.getenv("CI") == null);
    }

    @Override
    public void onTrainBegin(int epochs, int samples) {
        this.epochs = epochs;
        this.samples = samples;
    }

    @Override
    public void onEpochBegin(int epoch, int batches) {
        this.batches = batches;
        this.epochStart = System.nanoTime();
        this.lastDraw = 0;
        this.lastBatch = 0;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int samplesSeen, Map<String, Double> running) {
        lastBatch = batch + 1;
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && batch + 1 < batches) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - epochStart) / 1e9;
        double remaining = elapsed / (batch + 1) * (batches - batch - 1);
        StringBuilder line = new StringBuilder("\r").append(prefix(epoch)).append(bar(batch + 1));
        appendLogs(line, running);
        line.append(String.format(Locale.ROOT, " - %.0f samples/s - %.1fs elapsed, %.1fs left ",
                samplesSeen / Math.max(elapsed, 1e-9), elapsed, remaining));
        out.print(line);
        out.flush();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        StringBuilder line = new StringBuilder(interactive ? "\r" : "").append(prefix(epoch));
        line.append(interactive ? bar(lastBatch) : lastBatch + "/" + batches + " batches");
        appendLogs(line, logs);
        Double seconds = logs.get("seconds");
        if (seconds != null && seconds > 0) {
            line.append(String.format(Locale.ROOT, " (%.0f samples/s)", samples / seconds));
        }
        out.println(line);
        out.flush();
    }

    private String prefix(int epoch) {
        return "Epoch " + (epoch + 1) + "/" + epochs + " ";
    }

    private String bar(int done) {
        int filled = batches == 0 ? WIDTH : done * WIDTH / batches;
        return "[" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + batches;
    }

    private static void appendLogs(StringBuilder line, Map<String, Double> logs) {
        logs.forEach((name, value) -> {
            if (name.equals("seconds")) {
                line.append(String.format(Locale.ROOT, " - %.1fs", value));
            } else if (name.equals("lr")) {
                line.append(String.format(Locale.ROOT, " - lr %.3g", value));
            } else {
                line.append(String.format(Locale.ROOT, " - %s %.4f", name, value));
            }
        });
    }
}
