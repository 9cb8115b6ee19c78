package dev.kiso.nn;

import dev.kiso.KisoException;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text {@link LayerSpec#toString()} writes, exactly as it writes it:
 *
 * <pre>
 * spec     = type "(" [args] [children] ")"
 * args     = key "=" value { ", " key "=" value }
 * children = ["," if there were args] { "\n" indent "  (" i "): " spec } "\n" indent
 * </pre>
 *
 * where {@code indent} is two spaces per level of nesting and {@code i} counts the children from
 * 0. A value runs to the first comma or closing parenthesis outside brackets.
 */
final class SpecParser {
    private final String text;
    private int pos;

    SpecParser(String text) {
        this.text = text;
    }

    /** @return the whole text as one specification */
    LayerSpec parse() {
        LayerSpec spec = spec("");
        if (pos != text.length()) {
            throw error("end of text");
        }
        return spec;
    }

    private LayerSpec spec(String indent) {
        String type = name('(', true, "a layer type name followed by '('");
        expect("(");
        LayerSpec spec = LayerSpec.of(type);
        if (peek("')', an argument or a line break") == ')') {
            pos++;
            return spec;
        }
        if (peek("an argument or a line break") != '\n') {
            while (true) {
                String key = name('=', false, "an argument name followed by '='");
                expect("=");
                spec = spec.with(key, value());
                if (peek("',' or ')'") == ')') {
                    pos++;
                    return spec;
                }
                expect(",");
                if (peek("' ' or a line break") == '\n') {
                    break;
                }
                expect(" ");
            }
        }
        return spec.withChildren(children(indent));
    }

    private List<LayerSpec> children(String indent) {
        List<LayerSpec> kids = new ArrayList<>();
        String childIndent = indent + "  ";
        while (true) {
            expect("\n");
            if (text.startsWith(childIndent + "(", pos)) {
                expect(childIndent + "(" + kids.size() + "): ");
                kids.add(spec(childIndent));
            } else {
                expect(indent + ")");
                if (kids.isEmpty()) {
                    throw error("at least one child after the line break");
                }
                return kids;
            }
        }
    }

    /** The text up to {@code stop}, which must be a name ({@link LayerSpec#isName}). */
    private String name(char stop, boolean dotted, String expected) {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != stop) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (!LayerSpec.isName(name, dotted)) {
            pos = start;
            throw error(expected);
        }
        return name;
    }

    /** Everything up to the first ',' or ')' outside brackets. */
    private String value() {
        int start = pos;
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (depth == 0 && (c == ',' || c == ')')) {
                break;
            }
            if (c == '\n') {
                throw error("',' or ')' before the end of the line");
            }
            if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                depth--;
            }
            pos++;
        }
        if (pos == start) {
            throw error("a value after '='");
        }
        return text.substring(start, pos);
    }

    private char peek(String expected) {
        if (pos >= text.length()) {
            throw error(expected);
        }
        return text.charAt(pos);
    }

    private void expect(String s) {
        if (!text.startsWith(s, pos)) {
            throw error("'" + s.replace("\n", "\\n") + "'");
        }
        pos += s.length();
    }

    private KisoException error(String expected) {
        int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
        int lineEnd = text.indexOf('\n', pos);
        String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
        int lineNo = 1 + (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        String found = pos >= text.length() ? "the end of the text"
                : "'" + text.substring(pos, Math.min(text.length(), pos + 12)).replace("\n", "\\n") + "'";
        return new KisoException("LayerSpec.parse: expected " + expected + " at line " + lineNo + ", column "
                + (pos - lineStart + 1) + " but found " + found + " in: " + line.strip());
    }
}
