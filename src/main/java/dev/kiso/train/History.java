package dev.kiso.train;

import dev.kiso.AtomicWrite;
import dev.kiso.KisoException;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened in a run, one row per epoch: {@code loss} and {@code accuracy} on the training
 * data (loss including the regularizer's penalty, running mean over the epoch's batches),
 * {@code val_loss} and {@code val_accuracy} when there is validation data, the learning rate
 * {@code lr} used in the epoch, and the epoch's wall-clock {@code seconds}. Other metrics add
 * their own columns.
 */
public final class History {

    private final Map<String, List<Double>> columns = new LinkedHashMap<>();
    private int epochs;
    private int bestEpoch = -1;
    private int stoppedEpoch = -1;

    /** An empty history. */
    public History() {
    }

    /**
     * Appends one epoch's row. Every row must have the same keys as the first.
     *
     * @param logs the epoch's values by column name
     */
    public void add(Map<String, Double> logs) {
        if (epochs > 0 && !columns.keySet().equals(logs.keySet())) {
            throw new KisoException("History.add: row has columns " + logs.keySet() + ", expected " + columns.keySet());
        }
        logs.forEach((name, value) -> columns.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        epochs++;
    }

    /** @return the number of epochs recorded */
    public int epochs() {
        return epochs;
    }

    /** @return the column names, in order */
    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    /**
     * One column, for plotting.
     *
     * @param name the column, e.g. {@code val_loss}
     * @return its value per epoch (a new array)
     */
    public double[] get(String name) {
        List<Double> values = columns.get(name);
        if (values == null) {
            throw new KisoException("History: no column '" + name + "'; columns are " + columns.keySet());
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** @return training loss per epoch (data loss + penalty) */
    public double[] loss() {
        return get("loss");
    }

    /** @return training accuracy per epoch */
    public double[] accuracy() {
        return get("accuracy");
    }

    /** @return validation loss per epoch */
    public double[] valLoss() {
        return get("val_loss");
    }

    /** @return validation accuracy per epoch */
    public double[] valAccuracy() {
        return get("val_accuracy");
    }

    /** @return learning rate per epoch */
    public double[] lr() {
        return get("lr");
    }

    /** @return wall-clock seconds per epoch */
    public double[] seconds() {
        return get("seconds");
    }

    /** @return the last epoch's row, by column name (read-only) */
    public Map<String, Double> last() {
        Map<String, Double> row = new LinkedHashMap<>();
        columns.forEach((name, values) -> row.put(name, values.get(values.size() - 1)));
        return Collections.unmodifiableMap(row);
    }

    /** @return the best epoch found by early stopping (from 0), or -1 without early stopping */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return the epoch at which early stopping ended training (from 0), or -1 */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    void setEarlyStopping(int bestEpoch, int stoppedEpoch) {
        this.bestEpoch = bestEpoch;
        this.stoppedEpoch = stoppedEpoch;
    }

    /**
     * Writes the history as CSV: a header {@code epoch,loss,...} and one row per epoch (epochs
     * from 1), values in Java's shortest round-trip form. The file is written under a temporary
     * name and renamed into place, so a crash never leaves half a file.
     *
     * @param file the destination
     * @throws KisoException if the file cannot be written
     */
    public void writeCsv(Path file) {
        AtomicWrite.write(file, "History CSV", tmp -> {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write("epoch");
                for (String name : columns.keySet()) {
                    out.write("," + name);
                }
                out.write("\n");
                for (int e = 0; e < epochs; e++) {
                    out.write(Integer.toString(e + 1));
                    for (List<Double> values : columns.values()) {
                        out.write("," + values.get(e));
                    }
                    out.write("\n");
                }
            }
        });
    }

    @Override
    public String toString() {
        return "History(epochs=" + epochs + ", columns=" + columns.keySet() + ")";
    }
}
