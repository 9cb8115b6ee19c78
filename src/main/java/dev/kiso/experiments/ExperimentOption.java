package dev.kiso.experiments;

import dev.kiso.KisoException;

import java.util.Locale;

/**
 * One option an experiment accepts beyond the seed and the profile, e.g. {@code --course} (the
 * course's form of a figure) or {@code --hidden 100,100}. An experiment declares its options in
 * {@link Experiment#options()}; the command line rejects any other, and {@link ExperimentContext}
 * hands the given values to the experiment through typed getters.
 *
 * @param name its name, used as {@code --name} and {@code --set name=value}
 * @param type what values it takes
 * @param help one line for {@code ./kiso experiment list}
 */
public record ExperimentOption(String name, Type type, String help) {

    /** What values an option takes; each type checks a value's form. */
    public enum Type {
        /** A switch: {@code --name} alone, or {@code --set name=true|false}. */
        FLAG("", "true or false"),
        /** A whole number, e.g. {@code 1000}. */
        INT(" N", "a whole number"),
        /** A number, e.g. {@code 0.1} or {@code 1e-3}. */
        NUMBER(" X", "a number"),
        /** Whole numbers separated by commas, e.g. {@code 100,100}. */
        INTS(" N,N,...", "whole numbers separated by commas"),
        /** Any text. */
        TEXT(" TEXT", "text");

        private final String usage;
        private final String expected;

        Type(String usage, String expected) {
            this.usage = usage;
            this.expected = expected;
        }
    }

    /**
     * Checks the declaration.
     *
     * @throws KisoException if the name is empty, starts with '-' or holds '=', a space or a comma
     */
    public ExperimentOption {
        if (name == null || name.isEmpty() || name.startsWith("-") || name.matches(".*[=\\s,].*")) {
            throw new KisoException("ExperimentOption: name must be non-empty, without a leading '-', '=', "
                    + "spaces or commas, found '" + name + "'");
        }
        if (type == null) {
            throw new KisoException("ExperimentOption " + name + ": type is null");
        }
    }

    /**
     * A switch such as {@code --course}.
     *
     * @param name its name
     * @param help one line
     * @return the option
     */
    public static ExperimentOption flag(String name, String help) {
        return new ExperimentOption(name, Type.FLAG, help);
    }

    /** @return {@code --name} followed by the form of its value, e.g. {@code --hidden N,N,...} */
    public String usage() {
        return "--" + name + type.usage;
    }

    /**
     * Checks a value's form and returns it parsed: a Boolean, Integer, Double, int[] or String by
     * type.
     *
     * @param experiment the experiment's id, for the message
     * @param value      the value as given
     * @return the parsed value
     * @throws KisoException naming the experiment, the option and the value if it is malformed
     */
    Object parse(String experiment, String value) {
        String v = value.trim();
        try {
            return switch (type) {
                case FLAG -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new NumberFormatException();
                };
                case INT -> Integer.parseInt(v);
                case NUMBER -> {
                    double d = Double.parseDouble(v);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    yield d;
                }
                case INTS -> {
                    String[] parts = v.split(",", -1);
                    int[] ints = new int[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        ints[i] = Integer.parseInt(parts[i].trim());
                    }
                    yield ints;
                }
                case TEXT -> value;
            };
        } catch (NumberFormatException e) {
            throw new KisoException("experiment " + experiment + ": option --" + name + " expects "
                    + type.expected + ", got '" + value + "'");
        }
    }
}
