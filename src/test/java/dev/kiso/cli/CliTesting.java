package dev.kiso.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code ./kiso} in-process and keeps what it printed. */
record CliTesting(int exit, String out, String err) {

    static CliTesting run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(argv, o, e);
        }
        return new CliTesting(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** @return the single line on standard error, failing if there is not exactly one */
    String oneErrorLine() {
        String[] lines = err.strip().split("\n");
        if (lines.length != 1 || lines[0].isBlank()) {
            throw new AssertionError("expected one line on standard error, got:\n" + err);
        }
        return lines[0];
    }
}
