package dev.kiso.tensor.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy other processes kept the machine while something was measured: benchmarks on a shared
 * machine report it beside each figure ({@code foreign=0.12} cores) and retry when it was high.
 * Reads Linux's {@code /proc} (clock ticks of 1/100 s); elsewhere it reports 0.
 *
 * <pre>{@code
 * CpuLoad probe = CpuLoad.start();
 * ... timed work ...
 * double foreign = probe.foreignCores();
 * }</pre>
 */
public final class CpuLoad {
    private final double[] before;
    private final long startNanos;

    private CpuLoad(double[] before, long startNanos) {
        this.before = before;
        this.startNanos = startNanos;
    }

    /**
     * Starts watching.
     *
     * @return the probe
     */
    public static CpuLoad start() {
        return new CpuLoad(cpuSeconds(), System.nanoTime());
    }

    /**
     * The average number of cores that other processes kept busy since {@link #start()} (0 when
     * unknown): machine busy time minus this process's CPU time, over the elapsed time.
     *
     * @return cores used by others, at least 0
     */
    public double foreignCores() {
        double[] after = cpuSeconds();
        double seconds = (System.nanoTime() - startNanos) * 1e-9;
        if (before == null || after == null || seconds <= 0) {
            return 0;
        }
        double foreign = (after[0] - before[0]) - (after[1] - before[1]);
        return Math.max(0, foreign / seconds);
    }

    /** {machine busy seconds, this process's CPU seconds}, or {@code null} without /proc. */
    private static double[] cpuSeconds() {
        try {
            String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int f = 1; f <= 7; f++) {
                busy += f == 4 || f == 5 ? 0 : Long.parseLong(machine[f]); // skip idle and iowait
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = self.substring(self.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return new double[] {busy / 100.0, own / 100.0};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
