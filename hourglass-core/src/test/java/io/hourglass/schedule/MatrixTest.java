package io.hourglass.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expansion rules of GitHub Actions' matrix, and what a matrix refuses at save. */
class MatrixTest {

    private static Map<String, Object> json(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Map<String, Object>> combinations(Map<String, Object> json) {
        return Matrix.fromMap(json).combinations();
    }

    @Test
    void combinationsAreTheProductInKeyOrderWithTheFirstKeyVaryingSlowest() {
        assertThat(combinations(json("partner", List.of("acme", "globex"), "browser", List.of("chrome", "firefox"))))
                .containsExactly(
                        json("partner", "acme", "browser", "chrome"),
                        json("partner", "acme", "browser", "firefox"),
                        json("partner", "globex", "browser", "chrome"),
                        json("partner", "globex", "browser", "firefox"));
    }

    @Test
    void excludeDropsEveryCombinationItMatchesEvenPartially() {
        assertThat(combinations(json("partner", List.of("acme", "globex"), "browser", List.of("chrome", "firefox"),
                "exclude", List.of(json("partner", "globex", "browser", "firefox"), json("browser", "chrome")))))
                .containsExactly(json("partner", "acme", "browser", "firefox"));
    }

    @Test
    void includeExtendsEveryCombinationItDoesNotContradict() {
        assertThat(combinations(json("partner", List.of("acme", "globex"), "browser", List.of("chrome", "firefox"),
                "include", List.of(json("browser", "chrome", "headless", true)))))
                .containsExactly(
                        json("partner", "acme", "browser", "chrome", "headless", true),
                        json("partner", "acme", "browser", "firefox"),
                        json("partner", "globex", "browser", "chrome", "headless", true),
                        json("partner", "globex", "browser", "firefox"));
    }

    @Test
    void includeThatWouldOverwriteAnOriginalValueEverywhereIsAddedAsANewCombination() {
        assertThat(combinations(json("partner", List.of("acme"), "browser", List.of("chrome"),
                "include", List.of(json("partner", "initech", "browser", "safari")))))
                .containsExactly(json("partner", "acme", "browser", "chrome"),
                        json("partner", "initech", "browser", "safari"));
    }

    @Test
    void valuesAnEarlierIncludeAddedMayBeOverwrittenByALaterOne() {
        // GitHub's documented example: original values stay, added ones may be overwritten
        assertThat(combinations(json("fruit", List.of("apple", "pear"), "animal", List.of("cat", "dog"),
                "include", List.of(json("color", "green"), json("color", "pink", "animal", "cat"),
                        json("fruit", "apple", "shape", "circle"), json("fruit", "banana"),
                        json("fruit", "banana", "animal", "cat")))))
                .containsExactly(
                        json("fruit", "apple", "animal", "cat", "color", "pink", "shape", "circle"),
                        json("fruit", "apple", "animal", "dog", "color", "green", "shape", "circle"),
                        json("fruit", "pear", "animal", "cat", "color", "pink"),
                        json("fruit", "pear", "animal", "dog", "color", "green"),
                        json("fruit", "banana"),
                        json("fruit", "banana", "animal", "cat"));
    }

    @Test
    void excludeIsAppliedBeforeIncludeSoAnIncludeCanBringACombinationBack() {
        assertThat(combinations(json("partner", List.of("acme", "globex"),
                "exclude", List.of(json("partner", "globex")), "include", List.of(json("partner", "globex")))))
                .containsExactly(json("partner", "acme"), json("partner", "globex"));
    }

    @Test
    void aMatrixOfIncludeEntriesOnlyHasThoseCombinations() {
        assertThat(combinations(json("include", List.of(json("partner", "acme"), json("partner", "globex")))))
                .containsExactly(json("partner", "acme"), json("partner", "globex"));
    }

    @Test
    void cellKeySortsKeysSoTheSameCombinationAlwaysHasTheSameKey() {
        assertThat(Matrix.cellKey(json("partner", "acme", "browser", "chrome", "n", 2, "q", "a\"b")))
                .isEqualTo("{\"browser\":\"chrome\",\"n\":2,\"partner\":\"acme\",\"q\":\"a\\\"b\"}");
        assertThat(Matrix.cellKey(Map.of())).isEmpty();
    }

    @Test
    void roundTripsThroughItsJsonShape() {
        Map<String, Object> shape = json("partner", List.of("acme"), "exclude", List.of(json("partner", "acme")),
                "include", List.of(json("partner", "globex")));
        assertThat(Matrix.fromMap(shape).toMap()).isEqualTo(shape);
    }

    @Test
    void moreThan256CombinationsAreRefusedNamingMatrix() {
        List<Object> seventeen = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            seventeen.add(i);
        }
        assertThat(combinations(json("a", seventeen.subList(0, 16), "b", seventeen.subList(0, 16)))).hasSize(256);
        assertThatThrownBy(() -> combinations(json("a", seventeen, "b", seventeen.subList(0, 16))))
                .isInstanceOf(InvalidRequestException.class).hasMessage("matrix: has 272 combinations, at most 256 are allowed")
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("matrix");
    }

    @Test
    void aHugeProductIsRefusedBeforeItIsBuilt() {
        List<Object> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(i);
        }
        assertThatThrownBy(() -> combinations(json("a", hundred, "b", hundred, "c", hundred, "d", hundred)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("far more than 256");
    }

    @Test
    void badShapesAreRefusedNamingTheField() {
        assertRefused(json("partner", List.of()), "matrix.partner", "needs at least one value");
        assertRefused(json("partner", "acme"), "matrix.partner", "must be a list of values");
        assertRefused(json("partner", List.of(Map.of("a", 1))), "matrix.partner[0]", "must be text, a number or a boolean");
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertRefused(json("partner", withNull), "matrix.partner[0]", "was null");
        assertRefused(json("partner", List.of("acme", "acme")), "matrix.partner", "lists a value twice");
        assertRefused(json(), "matrix", "needs at least one key");
        assertRefused(json("partner", List.of("acme"), "exclude", List.of(json("browser", "x"))),
                "matrix.exclude[0].browser", "is not a key of the matrix");
        assertRefused(json("partner", List.of("acme"), "exclude", List.of(json("partner", "globx"))),
                "matrix.exclude[0].partner", "'globx' is not one of its values");
        assertRefused(json("partner", List.of("acme"), "exclude", List.of(json("partner", "acme"))),
                "matrix", "excludes every combination");
        assertRefused(json("partner", List.of("acme"), "include", "x"), "matrix.include", "must be a list of objects");
        assertRefused(json("partner", List.of("acme"), "include", List.of(json("p", List.of(1)))),
                "matrix.include[0].p", "must be text, a number or a boolean");
        assertRefused(json("include", List.of(json("p", 1), json("p", 1))), "matrix.include", "appears twice");
    }

    private static void assertRefused(Map<String, Object> json, String field, String message) {
        assertThatThrownBy(() -> Matrix.fromMap(json)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo(field);
    }
}
