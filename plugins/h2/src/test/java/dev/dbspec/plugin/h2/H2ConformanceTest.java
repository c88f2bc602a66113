package dev.dbspec.plugin.h2;

import static java.util.Map.entry;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.testdb.EngineSpecConformance;
import java.util.Map;

class H2ConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new H2EngineSpec();
    }

    /** The spec vets what H2's own parser reads from the URL and the properties. */
    @Override
    protected boolean readsOptionsWithTheDriversParser() {
        return true;
    }

    /** H2 reads TIME ZONE as a zone id. */
    @Override
    protected java.util.Optional<String> sampleValue(String option) {
        return option.equalsIgnoreCase("TIME ZONE") ? java.util.Optional.of("UTC") : super.sampleValue(option);
    }

    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                entry("VARCHAR(10)", GenericType.STRING), entry("CHAR(3)", GenericType.STRING), entry("CLOB", GenericType.STRING),
                entry("INTEGER", GenericType.INTEGER), entry("BIGINT", GenericType.INTEGER), entry("SMALLINT", GenericType.INTEGER),
                entry("NUMERIC(10,2)", GenericType.DECIMAL), entry("DOUBLE PRECISION", GenericType.FLOAT), entry("REAL", GenericType.FLOAT),
                entry("BOOLEAN", GenericType.BOOLEAN), entry("DATE", GenericType.DATE), entry("TIME", GenericType.TIME),
                entry("TIMESTAMP", GenericType.TIMESTAMP), entry("TIMESTAMP WITH TIME ZONE", GenericType.TIMESTAMP),
                entry("VARBINARY(8)", GenericType.BINARY), entry("BLOB", GenericType.BINARY), entry("JSON", GenericType.JSON),
                entry("UUID", GenericType.STRING));
    }

    /** H2 lists no properties in getPropertyInfo: its known settings and database settings are the documented list. */
    @Override
    protected java.util.Set<String> documentedDriverOptions() {
        try {
            java.lang.reflect.Field known = org.h2.engine.ConnectionInfo.class.getDeclaredField("KNOWN_SETTINGS");
            known.setAccessible(true);
            java.util.Set<String> names = new java.util.TreeSet<>();
            for (Object name : (java.util.Set<?>) known.get(null)) {
                names.add(name.toString());
            }
            names.addAll(org.h2.engine.DbSettings.DEFAULT.getSettings().keySet());
            org.assertj.core.api.Assertions.assertThat(names).as("H2's documented settings").hasSizeGreaterThan(60).contains("INIT");
            return names;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("H2's settings list moved: " + e, e);
        }
    }

    /** INIT in every spelling H2 reads as INIT (escape, dotless i, case, property) is refused; the effect is tested in the host. */
    @org.junit.jupiter.api.Test
    void initIsRefusedInEverySpellingH2Reads() {
        for (String url : new String[] {"jdbc:h2:mem:a;INIT=SELECT 1", "jdbc:h2:mem:a;IN\\IT=SELECT 1", "jdbc:h2:mem:a;\u0131n\u0131t=SELECT 1",
                "jdbc:h2:mem:a;init=SELECT 1", "jdbc:h2:mem:a;AUTO_SERVER=TRUE", "jdbc:h2:mem:a;DATABASE_EVENT_LISTENER='a.B'",
                "jdbc:h2:mem:a;TRACE_LEVEL_FILE=3", "jdbc:h2:zip:/tmp/x.zip!/db", "jdbc:h2:split:/tmp/db", "jdbc:h2:mem:a;MODE=Evil"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> spec().checkUrl(url)).as(url)
                    .isInstanceOf(dev.dbspec.api.UnsafeUrlException.class);
        }
        java.util.Properties init = new java.util.Properties();
        init.setProperty("INIT", "SELECT 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> spec().vetConnection("jdbc:h2:mem:a", init, java.util.Optional.empty()))
                .hasMessageContaining("runs SQL");
        spec().checkUrl("jdbc:h2:mem:a;MODE=PostgreSQL;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
    }
}
