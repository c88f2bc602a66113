package dev.dbspec.testdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.TimeGrain;
import java.sql.DriverManager;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A failing check names the SPI method to override: the mapping is data ({@link SpiFixes}), and a spec with a
 * deliberately wrong default, run live on an in-memory H2, gets the method in its failure detail.
 */
class SpiFixesTest {
    private final String url = "jdbc:h2:mem:dbspec_fix_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Test
    void eachCheckFamilyNamesItsSpiMethod() {
        assertThat(SpiFixes.methodFor("grain.PT1H")).hasValue("EngineSpec.timeGrainExpressions()");
        assertThat(SpiFixes.methodFor("grains")).hasValue("EngineSpec.timeGrainExpressions()");
        assertThat(SpiFixes.methodFor("literal.timestamp")).hasValue("EngineSpec.datetimeLiterals()");
        assertThat(SpiFixes.methodFor("error.missing_table")).hasValue("EngineSpec.errorPatterns()");
        assertThat(SpiFixes.methodFor("types")).get().asString().startsWith("EngineSpec.columnTypeFor(GenericType) or storableTypes()");
        assertThat(SpiFixes.methodFor("capability.joins")).get().asString().startsWith("EngineSpec.capabilities()");
        // The longest prefix wins: the catalogs check names the method behind the flag too.
        assertThat(SpiFixes.methodFor("capability.catalogs")).get().asString().contains("catalogs(Connection)");
        assertThat(SpiFixes.methodFor(ImpersonationChecks.ID)).get().asString().contains("impersonate(Connection, String)");
        // "metadata" is not a prefix of "metadata-x" nor of "spec-metadata"; an unknown id gets no hint rather than a wrong one.
        assertThat(SpiFixes.methodFor("spec-metadata")).get().asString().contains("tableDetail");
        assertThat(SpiFixes.methodFor("metadataish")).isEmpty();
        assertThat(SpiFixes.methodFor("no-such-check")).isEmpty();
    }

    @Test
    void theFixIsAppendedOnceAndOnlyWhenKnown() {
        String once = SpiFixes.withFix("error.syntax", "classified as OTHER");
        assertThat(once).isEqualTo("classified as OTHER; fix: override EngineSpec.errorPatterns()");
        assertThat(SpiFixes.withFix("error.syntax", once)).isEqualTo(once);
        assertThat(SpiFixes.withFix("no-such-check", "boom")).isEqualTo("boom");
    }

    @Test
    void aWrongColumnTypeForBinaryNamesColumnTypeFor() {
        // BINARY declared as VARCHAR reads back as STRING: the default the spec got wrong is columnTypeFor(BINARY).
        CheckResult types = checks(new H2Spec() {
            @Override
            public String columnTypeFor(GenericType type) {
                return type == GenericType.BINARY ? "VARCHAR(10)" : super.columnTypeFor(type);
            }
        }).columnTypes().get(0);
        assertThat(types.status()).as(types.detail()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(types.detail()).contains("VARCHAR(10)").contains("expected BINARY")
                .endsWith("fix: override EngineSpec.columnTypeFor(GenericType) or storableTypes() (read back through columnTypes())");
        // The control: the same spec with the right default passes and gets no hint.
        CheckResult right = checks(new H2Spec()).columnTypes().get(0);
        assertThat(right.status()).as(right.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(right.detail()).doesNotContain("fix:");
    }

    @Test
    void aWrongGrainExpressionNamesTimeGrainExpressions() {
        List<CheckResult> grains = checks(new H2Spec() {
            @Override
            public Map<TimeGrain, String> timeGrainExpressions() {
                return Map.of(TimeGrain.HOUR, "{col}", TimeGrain.DAY, "CAST(CAST({col} AS DATE) AS TIMESTAMP)");
            }
        }).timeGrains();
        assertThat(grains).extracting(CheckResult::id).containsExactlyInAnyOrder("grain.PT1H", "grain.P1D");
        CheckResult hour = grains.stream().filter(r -> r.id().equals("grain.PT1H")).findFirst().orElseThrow();
        CheckResult day = grains.stream().filter(r -> r.id().equals("grain.P1D")).findFirst().orElseThrow();
        assertThat(hour.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(hour.detail()).endsWith("fix: override EngineSpec.timeGrainExpressions()");
        assertThat(day.status()).as(day.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(EngineSpecConformance.displayName(hour)).isEqualTo("time grain PT1H (Hour) [grain.PT1H]");
    }

    @Test
    void aFalseCapabilityClaimNamesCapabilities() {
        CheckResult joins = checks(new H2Spec() {
            @Override
            public Set<dev.dbspec.api.Capability> capabilities() {
                // H2 joins fine: saying JOINS is absent is the wrong default here.
                return EnumSet.complementOf(EnumSet.of(dev.dbspec.api.Capability.JOINS));
            }
        }).capabilities().stream().filter(r -> r.id().equals("capability.joins")).findFirst().orElseThrow();
        assertThat(joins.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(joins.detail()).contains("it works").contains("fix: override EngineSpec.capabilities()");
    }

    private LiveChecks checks(EngineSpec spec) {
        return new LiveChecks(spec, () -> DriverManager.getConnection(url, "sa", ""));
    }

    /** Standard SQL on H2: the defaults are right except where a test overrides one. */
    private static class H2Spec implements EngineSpec {
        @Override
        public String id() {
            return "h2-fix";
        }

        @Override
        public String displayName() {
            return "H2 (fix hints)";
        }

        @Override
        public List<String> urlPrefixes() {
            return List.of("jdbc:h2:");
        }

        @Override
        public String urlTemplate() {
            return "jdbc:h2:mem:{database}";
        }

        @Override
        public String driverClassName() {
            return "org.h2.Driver";
        }

        @Override
        public Map<TimeGrain, String> timeGrainExpressions() {
            return Map.of(TimeGrain.DAY, "CAST(CAST({col} AS DATE) AS TIMESTAMP)");
        }
    }
}
