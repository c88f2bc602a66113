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

    @Override
    protected java.util.Set<String> refusedByName() {
        return java.util.Set.of("INIT", "AUTO_SERVER", "DATABASE_EVENT_LISTENER", "TRACE_LEVEL_FILE", "RECOVER_TEST", "PASSWORD_HASH");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("MODE=Evil", "must be one of");
    }

    @Override
    protected java.util.List<String> typicalUrls() {
        return java.util.List.of("jdbc:h2:mem:a;MODE=PostgreSQL;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
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

    /** H2's file systems other than mem:, file:, tcp: and ssl: read or write files the host cannot confine. */
    @org.junit.jupiter.api.Test
    void refusesFileSystemPrefixes() {
        for (String url : new String[] {"jdbc:h2:zip:/tmp/x.zip!/db", "jdbc:h2:split:/tmp/db"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> spec().checkUrl(url)).as(url)
                    .isInstanceOf(dev.dbspec.api.UnsafeUrlException.class);
        }
    }
}
