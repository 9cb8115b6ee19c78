package dev.kiso.cli;

import dev.kiso.KisoException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of one subcommand: {@code --name value} options, {@code --flag} switches and
 * positional arguments, checked against the options the subcommand declares so that a typo is
 * an error ("unknown option --epoch; did you mean --epochs?") rather than silently ignored.
 */
final class Args {
    private final String command;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * Parses {@code argv}.
     *
     * @param command  the subcommand's name, for messages
     * @param argv     the arguments after the subcommand
     * @param valued   options that take a value
     * @param switches options that take none
     * @return the parsed arguments
     */
    static Args parse(String command, String[] argv, Set<String> valued, Set<String> switches) {
        Args args = new Args(command);
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                args.positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name)) {
                if (value != null) {
                    throw new KisoException(command + ": option --" + name + " takes no value");
                }
                args.options.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new KisoException(command + ": option --" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                args.options.put(name, value);
            } else {
                throw new KisoException(command + ": unknown option --" + name + suggestion(name, valued, switches)
                        + " (see ./kiso " + command + " --help)");
            }
        }
        return args;
    }

    private static String suggestion(String name, Set<String> valued, Set<String> switches) {
        String best = null;
        int bestDistance = 3;
        for (Set<String> set : List.of(valued, switches)) {
            for (String candidate : set) {
                int d = distance(name, candidate);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = candidate;
                }
            }
        }
        return best == null ? "" : "; did you mean --" + best + "?";
    }

    /** Levenshtein distance, for "did you mean" suggestions. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** @return whether the switch or option was given */
    boolean has(String name) {
        return options.containsKey(name);
    }

    /** @return the option's value, or {@code fallback} */
    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** @return the option's value as an integer within [min, max], or {@code fallback} */
    int getInt(String name, int fallback, int min, int max) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new KisoException(command + ": --" + name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new KisoException(command + ": --" + name + " expects a whole number, got '" + v + "'");
        }
    }

    /** @return the option's value as a number, or {@code fallback} */
    double getDouble(String name, double fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new KisoException(command + ": --" + name + " expects a number, got '" + v + "'");
        }
    }

    /** @return the option's value as a long, or {@code fallback} */
    long getLong(String name, long fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new KisoException(command + ": --" + name + " expects a whole number, got '" + v + "'");
        }
    }

    /** @return the positional arguments */
    List<String> positional() {
        return positional;
    }
}
