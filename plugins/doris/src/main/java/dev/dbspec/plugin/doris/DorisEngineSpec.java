package dev.dbspec.plugin.doris;

import dev.dbspec.api.Capability;
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
 * Apache Doris over the MySQL protocol with MySQL Connector/J (not bundled); grains and errors from
 * {@link MysqlFamilySpec}. Literals are casts to DATETIME(6) (DATETIME alone has whole seconds); Doris
 * has no TIME columns.
 */
@Extension
public final class DorisEngineSpec extends MysqlFamilySpec {
    private static final DatetimeLiterals LITERALS = castLiterals("DATETIME(6)");

    @Override
    public String id() {
        return "doris";
    }

    @Override
    public String displayName() {
        return "Apache Doris";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:doris:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:doris://{host}:{port}/{database}";
    }

    /** Doris's own prefix keeps URL resolution unambiguous; Connector/J reads jdbc:mysql:. */
    @Override
    public String driverUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:doris:") ? "jdbc:mysql:" + jdbcUrl.substring("jdbc:doris:".length()) : jdbcUrl;
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

    /** Doris has catalogs (internal and external) above databases, switchable per query. */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(super.capabilities());
        capabilities.add(Capability.CATALOGS);
        capabilities.add(Capability.DYNAMIC_CATALOG);
        return capabilities;
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
