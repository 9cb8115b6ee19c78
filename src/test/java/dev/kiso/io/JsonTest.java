package dev.kiso.io;

import dev.kiso.KisoException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The header JSON parser against hand-written documents, and quote/parse round trips. */
class JsonTest {

    private static Object parse(String s) {
        return Json.parse(s, "doc");
    }

    @Test
    void parsesAllValueKinds() {
        Object v = parse(" {\"a\" : [1, -2.5e3, 0.25, true, false, null, {}, []], \"b\":\"x\"}\n");
        assertThat(v).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("a", "b");
        @SuppressWarnings("unchecked")
        List<Object> a = (List<Object>) m.get("a");
        assertThat(a).containsExactly(new BigDecimal("1"), new BigDecimal("-2.5e3"), new BigDecimal("0.25"),
                Boolean.TRUE, Boolean.FALSE, Json.NULL, Map.of(), List.of());
        assertThat(m.get("b")).isEqualTo("x");
    }

    @Test
    void decodesEveryEscape() {
        assertThat(parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00E9 \\ud83d\\ude00\""))
                .isEqualTo("\" \\ / \b \f \n \r \t A \u00e9 \ud83d\ude00");
    }

    @Test
    void quoteRoundTrips() {
        String s = "a\"b\\c\nd\u0001e\u00e9\ud83d\ude00 ,:;()[]=";
        assertThat(parse(Json.quote(s))).isEqualTo(s);
    }

    @Test
    void rejectsWithPosition() {
        assertThatThrownBy(() -> parse("[1 2]")).isInstanceOf(KisoException.class)
                .hasMessage("doc: malformed JSON header at character 3: expected ',' or ']' but found '2'");
        assertThatThrownBy(() -> parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate key \"a\"")
                .hasMessageContaining("character 7");
        assertThatThrownBy(() -> parse("\"a\u0001\"")).hasMessageContaining("unescaped control character U+0001");
        assertThatThrownBy(() -> parse("\"\\u12G4\"")).hasMessageContaining("invalid \\u escape");
        assertThatThrownBy(() -> parse("-")).hasMessageContaining("invalid number");
        assertThatThrownBy(() -> parse("1.")).hasMessageContaining("digit after '.'");
        assertThatThrownBy(() -> parse("1e")).hasMessageContaining("exponent");
        assertThatThrownBy(() -> parse("tru")).hasMessageContaining("expected a value");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> parse("{\"a\":1")).hasMessageContaining("the end of the header");
        assertThatThrownBy(() -> parse("[".repeat(100) + "]".repeat(100))).hasMessageContaining("nesting deeper");
    }
}
