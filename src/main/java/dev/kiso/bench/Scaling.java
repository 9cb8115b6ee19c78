package dev.kiso.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much faster a workload ran on more threads than on one, from the result lines of
 * {@code ./kiso bench} ({@link WorkloadBench.Result#line()}): for each thread count above 1 that
 * has a one-thread line beside it, one line
 * <pre>bench W2 simplecnn scaling threads=2/1 train=1.83x infer=1.90x</pre>
 * ({@code train} compares {@code train_steps_per_s}, {@code infer} compares
 * {@code infer_img_per_s}). Issue 7 asks for two threads to train W2 and W3 at least 1.7 times as
 * fast as one; this line states that ratio for one sitting, so nobody has to divide by hand.
 */
public final class Scaling {
    private static final String PREFIX = "bench ";

    private Scaling() {
    }

    /**
     * The scaling lines for result lines of one workload.
     *
     * @param resultLines what the benchmark printed; lines that are not result lines are skipped
     * @return one line per thread count above 1, in the order of the input; empty without a
     *         one-thread result
     */
    public static List<String> lines(List<String> resultLines) {
        Map<String, String> one = null;
        List<Map<String, String>> others = new ArrayList<>();
        for (String line : resultLines) {
            Map<String, String> fields = fields(line);
            if (fields == null) {
                continue;
            }
            if (fields.get("threads").equals("1")) {
                one = fields;
            } else {
                others.add(fields);
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map<String, String> many : others) {
            if (one != null && one.get("name").equals(many.get("name"))) {
                lines.add(String.format(Locale.ROOT, "bench %s scaling threads=%s/1 train=%.2fx infer=%.2fx",
                        many.get("name"), many.get("threads"),
                        ratio(many, one, "train_steps_per_s"), ratio(many, one, "infer_img_per_s")));
            }
        }
        return lines;
    }

    /** {@code name} ("W2 simplecnn") and the key=value fields of a result line, or null if it is not one. */
    private static Map<String, String> fields(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        String[] tokens = line.substring(PREFIX.length()).trim().split("\\s+");
        if (tokens.length < 3) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("name", tokens[0] + " " + tokens[1]);
        for (int i = 2; i < tokens.length; i++) {
            int eq = tokens[i].indexOf('=');
            if (eq > 0) {
                fields.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
            }
        }
        boolean result = fields.containsKey("threads") && fields.containsKey("train_steps_per_s")
                && fields.containsKey("infer_img_per_s");
        return result ? fields : null;
    }

    private static double ratio(Map<String, String> many, Map<String, String> one, String key) {
        return Double.parseDouble(many.get(key)) / Double.parseDouble(one.get(key));
    }
}
