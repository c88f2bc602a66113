package dev.dbspec.testdb.packaging;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TimeGrain;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A spec that says it bundles H2's driver: {@code PluginPackagingTest} packs it with and without H2 in {@code lib/}. */
public final class BundledDriverFixtureSpec implements EngineSpec {
    @Override
    public String id() {
        return "fixturedb";
    }

    @Override
    public String displayName() {
        return "FixtureDB on H2";
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
        return "org.h2.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.h2database:h2:2.3.232", "MPL-2.0 OR EPL-1.0", true));
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return Map.of();
    }
}
