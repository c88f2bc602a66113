package dev.dbspec.plugin.doris;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.GenericType;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import dev.dbspec.plugin.family.MysqlWireFamilySpec;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Apache Doris over the MySQL protocol with MySQL Connector/J (not bundled); grains and errors from
 * {@link MysqlFamilySpec}. Literals are casts to DATETIME(6) (DATETIME alone has whole seconds); Doris
 * has no TIME columns.
 */
@Extension
public final class DorisEngineSpec extends MysqlWireFamilySpec {
    @Override
    protected String ownPrefix() {
        return "jdbc:doris:";
    }

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
    public OptionalInt defaultPort() {
        return OptionalInt.of(9030);
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
