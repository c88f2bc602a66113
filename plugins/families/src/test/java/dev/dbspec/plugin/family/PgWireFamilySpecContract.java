package dev.dbspec.plugin.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checks every {@link PgWireFamilySpec} engine shares, on top of {@link EngineSpecContract}: its own prefix
 * handed to pgjdbc, pgjdbc's class-loading URL options refused, the family's literals and LIMIT. A plugin's test
 * extends it with the facts that differ (the engine, its prefix and default port) and adds its own checks
 * (grains, cancellation...).
 *
 * <p>Published in the families module's test-jar; plugins take it in test scope only.
 */
public abstract class PgWireFamilySpecContract extends OwnPrefixSpecContract {
    /**
     * @param spec the engine under test
     * @param prefix the JDBC prefix it must declare, for example {@code jdbc:cockroachdb:}
     * @param defaultPort the default port it must declare (the sample URLs use it too)
     */
    protected PgWireFamilySpecContract(PgWireFamilySpec spec, String prefix, int defaultPort) {
        super(spec, prefix, defaultPort);
    }

    /** pgjdbc's options that load classes named in the URL. */
    @Override
    protected Set<String> refusedByName() {
        return Set.of("socketFactory", "socketFactoryArg", "sslfactory", "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback",
                "authenticationPluginClassName", "xmlFactoryFactory");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(prefix() + "//db.example.com:" + defaultPort() + "/app?sslmode=verify-full&ApplicationName=dbspec");
    }

    @Test
    void mapsItsOwnPrefixToPgjdbc() {
        assertThat(spec().urlPrefixes()).containsExactly(prefix());
        assertThat(spec().driverUrl(prefix() + "//db.example:" + defaultPort() + "/app?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.example:" + defaultPort() + "/app?sslmode=require");
        assertThat(spec().driverClassName()).isEqualTo("org.postgresql.Driver");
        assertThat(spec().defaultPort()).hasValue(defaultPort());
    }

    @Test
    void writesLiteralsAndLimits() {
        assertThat(spec().datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("TIMESTAMP WITH TIME ZONE '2019-01-02 03:04:05.678000+02:00'");
        assertThat(spec().limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
    }
}
