package dev.dbspec.plugin.starrocks;

import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.GenericType;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * StarRocks over the MySQL protocol with MySQL Connector/J (not bundled); grains and errors from
 * {@link MysqlFamilySpec}. Literals are casts (DATETIME keeps microseconds); StarRocks has no TIME columns.
 */
@Extension
public final class StarrocksEngineSpec extends MysqlFamilySpec {
    private static final DatetimeLiterals LITERALS = castLiterals("DATETIME");

    @Override
    public String id() {
        return "starrocks";
    }

    @Override
    public String displayName() {
        return "StarRocks";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:starrocks:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:starrocks://{host}:{port}/{database}";
    }

    /** StarRocks' own prefix keeps URL resolution unambiguous; Connector/J reads jdbc:mysql:. */
    @Override
    public String driverUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:starrocks:") ? "jdbc:mysql:" + jdbcUrl.substring("jdbc:starrocks:".length()) : jdbcUrl;
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(9030);
    }

    @Override
    public String driverClassName() {
        return "com.mysql.cj.jdbc.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.mysql:mysql-connector-j:9.4.0", "GPL-2.0-only WITH Universal-FOSS-exception-1.0", false));
    }

    @Override
    public Map<String, String> forbiddenUrlOptions() {
        return CONNECTOR_J_UNSAFE_OPTIONS;
    }

    /** StarRocks' DATETIME takes no precision and keeps microseconds. */
    @Override
    public String columnTypeFor(GenericType type) {
        return type == GenericType.TIMESTAMP ? "DATETIME" : super.columnTypeFor(type);
    }

    /** TIME exists only as a function result, not as a column type. */
    @Override
    public Set<GenericType> storableTypes() {
        Set<GenericType> types = EnumSet.copyOf(super.storableTypes());
        types.remove(GenericType.TIME);
        return types;
    }

    @Override
    public DatetimeLiterals datetimeLiterals() {
        return LITERALS;
    }
}
