package dev.dbspec.plugin.spanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and Spanner is a cloud service, so the facts are checked as written. */
class SpannerSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new SpannerEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("credentials", "usePlainText", "host", "endpoint", "autoConfigEmulator");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("dialect=POSTGRESQL", "one of", "rpcPriority=URGENT", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:cloudspanner:/projects/acme/instances/prod/databases/orders;readonly=true;minSessions=10;rpcPriority=LOW");
    }

    @Test
    void utcTruncationAndUnixSecondSteps() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("TIMESTAMP_TRUNC(ts, ISOWEEK, 'UTC')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts")).isEqualTo("TIMESTAMP_TRUNC(ts, WEEK, 'UTC')");
        assertThat(spec.timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "ts")).isEqualTo("TIMESTAMP_SECONDS(DIV(UNIX_SECONDS(ts), 900) * 900)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "ts"))
                .isEqualTo("TIMESTAMP_ADD(TIMESTAMP_TRUNC(ts, WEEK, 'UTC'), INTERVAL 6 DAY)");
    }

    @Test
    void instantsGetAnOffsetAndThereIsNoTimeType() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000+00:00'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochMillisToDatetime()).hasValue("TIMESTAMP_MILLIS({col})");
    }

    /** {@code //host:port} before the path sends the token (or this host's Google credentials) to that host: refused. */
    @Test
    void aHostBeforeTheDatabasePathIsRefused() {
        assertThatThrownBy(() -> spec.vetConnection("jdbc:cloudspanner://collector.example:443/projects/acme/instances/prod/databases/orders",
                new Properties(), Optional.empty()))
                .isInstanceOf(UnsafeUrlException.class)
                .hasMessageContaining("no //host");
        assertThatThrownBy(() -> spec.vetConnection("jdbc:cloudspanner://localhost:9010/projects/acme/instances/prod/databases/orders;readonly=true",
                new Properties(), Optional.empty()))
                .isInstanceOf(UnsafeUrlException.class);
        spec.vetConnection("jdbc:cloudspanner:/projects/example.com:acme-1/instances/prod-2/databases/orders_db;readonly=true",
                TOKEN, Optional.empty());
    }

    /** Every vetting in the kit gives a token, as every real connection must ({@link #aConnectionWithoutATokenIsRefused}). */
    @Override
    protected Properties sampleCredentials() {
        Properties credentials = super.sampleCredentials();
        credentials.setProperty("oauthToken", "ya29.example");
        return credentials;
    }

    /** The parameters' samples carry a token too, as a real registration must. */
    @Override
    protected Map<String, String> requiredSampleOptions() {
        return Map.of("oauthToken", "ya29.example");
    }

    private static final Properties TOKEN = new Properties();

    static {
        TOKEN.setProperty("oauthToken", "ya29.example");
    }

    /** Without an OAuth token the driver would sign in with this host's application default credentials: refused. */
    @Test
    void aConnectionWithoutATokenIsRefused() {
        String url = "jdbc:cloudspanner:/projects/acme/instances/prod/databases/orders";
        assertThatThrownBy(() -> spec.vetConnection(url, new Properties(), Optional.empty()))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("application default credentials");
        Properties blank = new Properties();
        blank.setProperty("oauthToken", " ");
        assertThatThrownBy(() -> spec.vetConnection(url, blank, Optional.empty())).hasMessageContaining("application default credentials");
        spec.vetConnection(url, TOKEN, Optional.empty());
        spec.vetConnection(url + ";OAuthToken=ya29.example", new Properties(), Optional.empty()); // the driver reads names in any case
        spec.checkUrl(url); // a URL alone (its token comes as a property when it connects)
    }
}
