package dev.dbspec.testdb.packaging;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TimeGrain;
import java.util.List;
import java.util.Map;

/**
 * The engine spec {@code PluginPackagingTest} packs into plugin zips. It is deliberately not annotated with
 * {@code @Extension}: each test writes the zip's {@code META-INF/extensions.idx} itself, so it can also leave it out.
 */
public final class FixtureEngineSpec implements EngineSpec {
    @Override
    public String id() {
        return "fixturedb";
    }

    @Override
    public String displayName() {
        return "FixtureDB";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:fixturedb:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:fixturedb:{database}";
    }

    @Override
    public String driverClassName() {
        return "org.fixturedb.Driver";
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return Map.of();
    }
}
