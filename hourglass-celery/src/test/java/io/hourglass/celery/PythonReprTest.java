package io.hourglass.celery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonReprTest {

    @Test
    void argsReadAsATuple() {
        assertThat(PythonRepr.ofArgs(List.of(2, 3))).isEqualTo("(2, 3)");
        assertThat(PythonRepr.ofArgs(List.of("a"))).isEqualTo("('a',)");
        assertThat(PythonRepr.ofArgs(List.of())).isEqualTo("()");
    }

    @Test
    void valuesReadAsPythonLiterals() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("ok", true);
        kwargs.put("none", null);
        kwargs.put("list", Arrays.asList(1, "it's"));
        assertThat(PythonRepr.ofKwargs(kwargs)).isEqualTo("{'ok': True, 'none': None, 'list': [1, 'it\\'s']}");
    }

    @Test
    void longValuesAreCut() {
        String repr = PythonRepr.ofArgs(List.of("x".repeat(5000)));
        assertThat(repr).hasSize(PythonRepr.MAX_LENGTH).endsWith("...");
    }
}
