package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.NestedReader;
import dev.dbspec.api.TimeGrain;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plugin's spec with {@code EXPAND_DATA} claimed or not and another nested reader, for tests that the kit's
 * {@link ExpandDataChecks} fails a wrong reader or claim (plugin specs are final). Everything the check uses (identity,
 * capabilities, {@link EngineSpec#selectExpressionSql}) comes from {@code base}.
 */
public final class SpecWithReader implements EngineSpec {
    /** Makes the reader for a result, as {@link EngineSpec#nestedReader}. */
    @FunctionalInterface
    public interface Readers {
        Optional<NestedReader> reader(Connection connection, ResultSetMetaData metadata) throws SQLException;
    }

    private final EngineSpec base;
    private final Set<Capability> capabilities;
    private final Readers readers;

    public SpecWithReader(EngineSpec base, boolean claimed, Readers readers) {
        this.base = requireNonNull(base, "base is null");
        this.readers = requireNonNull(readers, "readers is null");
        Set<Capability> all = base.capabilities().isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(base.capabilities());
        if (claimed) {
            all.add(Capability.EXPAND_DATA);
        } else {
            all.remove(Capability.EXPAND_DATA);
        }
        this.capabilities = Set.copyOf(all);
    }

    @Override
    public String id() {
        return base.id();
    }

    @Override
    public String displayName() {
        return base.displayName();
    }

    @Override
    public List<String> urlPrefixes() {
        return base.urlPrefixes();
    }

    @Override
    public String urlTemplate() {
        return base.urlTemplate();
    }

    @Override
    public String driverClassName() {
        return base.driverClassName();
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return base.timeGrainExpressions();
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public String selectExpressionSql(String expressions) {
        return base.selectExpressionSql(expressions);
    }

    @Override
    public Optional<NestedReader> nestedReader(Connection connection, ResultSetMetaData metadata) throws SQLException {
        return readers.reader(connection, metadata);
    }
}
