package dev.dbspec.plugin.phoenix;

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

/** Spec only: the driver is not bundled and no Phoenix Query Server runs in the build, so the facts are checked as written. */
class PhoenixSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new PhoenixEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("principal", "keytab", "httpclient_factory", "httpclient_impl", "hostname_verification");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("authentication=SPNEGO", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:phoenix:thin:url=http://pqs.example.com:8765;serialization=PROTOBUF;authentication=BASIC");
    }

    @Test
    void multipliedFloorsWithoutWeeksOrQuarters() {
        assertThat(spec.timeGrainExpressions()).doesNotContainKeys(TimeGrain.WEEK, TimeGrain.QUARTER, TimeGrain.WEEK_STARTING_SUNDAY)
                .containsKeys(TimeGrain.SECOND, TimeGrain.SIX_HOURS, TimeGrain.MONTH, TimeGrain.YEAR);
        assertThat(spec.timeGrainSql(TimeGrain.TEN_MINUTES, "ts")).isEqualTo("FLOOR(ts, 'MINUTE', 10)");
        assertThat(spec.timeGrainSql(TimeGrain.DAY, "ts")).isEqualTo("FLOOR(ts, 'DAY')");
    }

    @Test
    void millisecondLiteralsAndEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP))).hasValue("TIMESTAMP '2019-01-02 03:04:05.678'");
        assertThat(spec.epochSecondsToDatetime()).hasValue("CAST({col} * 1000 AS TIMESTAMP)");
    }

    /** Avatica would read a pair written before url= or a quoted value; both are refused, the plain form vets. */
    @Test
    void theConnectStringStartsWithTheServerAddressAndHasNoQuotes() {
        assertThatThrownBy(() -> spec.vetConnection("jdbc:phoenix:thin:keytab=/etc/krb5.keytab;url=http://pqs:8765", new Properties(),
                Optional.empty())).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("url=http://host:port first");
        assertThatThrownBy(() -> spec.vetConnection("jdbc:phoenix:thin:url=http://pqs:8765;timeZone='UTC;keytab=/k'", new Properties(),
                Optional.empty())).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("quoted value");
        // Read as a whole by the strict parser, these would vet: Avatica reads a keytab pair, and one quoted user value.
        assertThatThrownBy(() -> spec.vetConnection("jdbc:phoenix:thin:keytab=/etc/krb5.keytab", new Properties(), Optional.empty()))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("url=http://host:port first");
        assertThatThrownBy(() -> spec.vetConnection("jdbc:phoenix:thin:url=http://pqs:8765;avatica_user='a;avatica_password=b'",
                new Properties(), Optional.empty())).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("quoted value");
        spec.vetConnection("jdbc:phoenix:thin:url=https://pqs.example.com:8765;serialization=JSON", new Properties(), Optional.empty());
    }
}
