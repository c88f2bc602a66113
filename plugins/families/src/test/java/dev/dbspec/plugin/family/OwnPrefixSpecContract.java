package dev.dbspec.plugin.family;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.testdb.EngineSpecContract;

/**
 * An engine of a wire family served under a JDBC prefix of its own and handed to the family's driver: what the
 * family contracts ({@link PgWireFamilySpecContract}, {@link MysqlWireFamilySpecContract}) need to know of it.
 */
abstract class OwnPrefixSpecContract extends EngineSpecContract {
    private final EngineSpec spec;
    private final String prefix;
    private final int defaultPort;

    /**
     * @param spec the engine under test
     * @param prefix the JDBC prefix it must declare, for example {@code jdbc:cockroachdb:}
     * @param defaultPort the default port it must declare (the sample URLs use it too)
     */
    OwnPrefixSpecContract(EngineSpec spec, String prefix, int defaultPort) {
        this.spec = requireNonNull(spec, "spec is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.defaultPort = defaultPort;
    }

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    protected String prefix() {
        return prefix;
    }

    protected int defaultPort() {
        return defaultPort;
    }
}
