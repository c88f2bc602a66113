package dev.dbspec.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class ValidatedVersionsTest {
    private static java.util.Map<String, ValidatedVersions.ValidatedVersion> parse(String text) throws Exception {
        return ValidatedVersions.parse(new BufferedReader(new StringReader(text)));
    }

    @Test
    void theFileNamesTheTwelveLiveEnginesWithPatternsMatchingTheirOwnLabels() {
        assertThat(ValidatedVersions.all()).containsOnlyKeys("h2", "sqlite", "postgresql", "mariadb", "mysql", "hsqldb", "derby", "duckdb",
                "firebird", "trino", "clickhouse", "questdb");
        assertThat(ValidatedVersions.of("questdb")).hasValueSatisfying(version -> {
            assertThat(version.label()).isEqualTo("QuestDB 9.3.4");
            assertThat(version.versionSql()).hasValue("SELECT build()");
            assertThat(version.matches("Build Information: QuestDB 9.3.4, JDK 24.0.2, Commit Hash 9ea3")).isTrue();
            assertThat(version.matches("Build Information: QuestDB 9.3.40, JDK 24")).isFalse();
        });
        assertThat(ValidatedVersions.of("presto")).isEmpty();
    }

    @Test
    void aLiveEngineReportingAnotherVersionFailsWithBothNamed() throws Exception {
        ValidatedVersions.ValidatedVersion h2 = parse("h2\tH2 1.4.200\tmetadata\tH2 1\\.4\\.200\\b.*\n").get("h2");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:validated_versions_test")) {
            assertThat(h2.reportedBy(connection)).startsWith("H2 2.");
            assertThatThrownBy(() -> ValidatedVersions.check(h2, connection)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("validated on H2 1.4.200").hasMessageContaining("reports \"H2 2.");
            ValidatedVersions.check(ValidatedVersions.of("h2").orElseThrow(), connection); // the row in the file holds
        }
    }

    @Test
    void malformedRowsAreRefusedWithTheLine() {
        assertThatThrownBy(() -> parse("# c\nh2\tH2\tmetadata\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> parse("h2\tH2\tquery\tx\n")).hasMessageContaining("\"metadata\" or \"sql:<query>\"");
        assertThatThrownBy(() -> parse("h2\tH2\tmetadata\tx\nh2\tH2\tmetadata\ty\n")).hasMessageContaining("appears twice");
    }

    /**
     * The servers .ci/engines/start runs are pinned in their poms; Trino's testing server reports "testversion", so the pin
     * is what names its version: the rows must say the pinned versions.
     */
    @Test
    void theCiServerPomsPinTheDeclaredVersions() throws Exception {
        assertThat(ValidatedVersions.of("trino").orElseThrow().label()).isEqualTo("Trino " + pinned("trino", "trino.version"));
        assertThat(ValidatedVersions.of("questdb").orElseThrow().label()).isEqualTo("QuestDB " + pinned("questdb", "questdb.version"));
    }

    private static String pinned(String engine, String property) throws Exception {
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("..", ".ci", "engines", engine, "pom.xml"));
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("<" + java.util.regex.Pattern.quote(property) + ">([^<]+)<").matcher(pom);
        assertThat(version.find()).as("%s in .ci/engines/%s/pom.xml", property, engine).isTrue();
        return version.group(1).strip();
    }
}
