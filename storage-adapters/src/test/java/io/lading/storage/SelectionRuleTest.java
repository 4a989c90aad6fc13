package io.lading.storage;

import io.lading.common.LadingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rule a location's name implies, and the rule names users write. */
class SelectionRuleTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "s3://b/exports/orders/, DIR",
            "s3://b/exports/orders, PREFIX",
            "s3://b/exports/orders.manifest, MANIFEST",
            "s3://b/unload/sales/manifest, MANIFEST",
            "s3://b/manifest, MANIFEST",
            "s3://b/unload/sales/manifests, PREFIX",
            "s3://b/orders.manifest/, DIR",
            "s3://b/, DIR",
            "file:///data/exports/part-0.csv.gz, PREFIX"})
    void byName(String location, SelectionRule rule) {
        assertEquals(rule, SelectionRule.byName(Location.parse(location)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"prefix, PREFIX", "DIR, DIR", "FilePath, FILEPATH", "manifest, MANIFEST"})
    void parseTakesTheNameInAnyCase(String text, SelectionRule rule) {
        assertEquals(rule, SelectionRule.parse(text));
        assertEquals(rule.name().toLowerCase(java.util.Locale.ROOT), rule.optionName());
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"glob", "''", "dirs"})
    void parseNamesTheRules(String text) {
        LadingException e = assertThrows(LadingException.class, () -> SelectionRule.parse(text));
        assertEquals("unknown selection '" + text + "'; use prefix, dir, filepath or manifest", e.getMessage());
    }
}
