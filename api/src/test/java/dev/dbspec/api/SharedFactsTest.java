package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPI 1.7.0 declarations of facts several engines share, each producing exactly what the engines wrote by hand. */
class SharedFactsTest {
    @Test
    void moduloPresetsWriteTheTwoUsualForms() {
        assertThat(TimeGrains.modFunction().mod("WEEKDAY({col})", 7)).isEqualTo("MOD(WEEKDAY({col}), 7)");
        assertThat(TimeGrains.percentOperator().mod("13 - DOW({col})", 7)).isEqualTo("(13 - DOW({col})) % 7");
        assertThat(TimeGrains.percentOperator().mod("DOW({col})", 7)).isEqualTo("(DOW({col}) % 7)");
    }

    @Test
    void weekdayWeeksWithThePresetMatchTheHandWrittenModulo() {
        TimeGrains.DayOffset add = (day, days) -> "ADD(" + day + ", " + days + ")";
        Map<TimeGrain, String> preset = TimeGrains.builder().weekdayWeeks("DAY({col})", "DOW({col})", 0, add, TimeGrains.modFunction()).build();
        Map<TimeGrain, String> byHand = TimeGrains.builder()
                .weekdayWeeks("DAY({col})", "DOW({col})", 0, add, (left, right) -> "MOD(" + left + ", " + right + ")").build();
        assertThat(preset).isEqualTo(byHand);
        assertThat(preset.get(TimeGrain.WEEK_STARTING_SUNDAY)).isEqualTo("ADD(DAY({col}), -MOD(DOW({col}) + 1, 7))");
    }

    @Test
    void unreachableHostClassifiesTheJdkMessagesAndTheEngines() {
        ErrorPatterns patterns = ErrorPatterns.builder().unreachableHost("Connection lost").then(ErrorPatterns.standard()).build();
        assertThat(patterns.classify(new SQLException("java.net.ConnectException: Connection refused"))).isEqualTo(ErrorCategory.UNREACHABLE_HOST);
        assertThat(patterns.classify(new SQLException("x", null, new SQLException("java.net.UnknownHostException: db.invalid"))))
                .isEqualTo(ErrorCategory.UNREACHABLE_HOST);
        assertThat(patterns.classify(new SQLException("connection LOST"))).isEqualTo(ErrorCategory.UNREACHABLE_HOST);
        assertThat(patterns.classify(new SQLException("syntax error", "42601"))).isEqualTo(ErrorCategory.SYNTAX);
        assertThat(ErrorPatterns.builder().unreachableHost().build().classify(new SQLException("Connection lost")))
                .isEqualTo(ErrorCategory.OTHER);
    }

    @Test
    void refusalsSayTheirSharedReason() {
        ConnectionOptions options = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
                .refuseClassFromUrl("socketFactory", "sslfactory")
                .refuseLocalKeyStore("SSLKeyStore")
                .refuseLocalKeytab("keytab")
                .refuseLogDirectory("LogPath")
                .build();
        assertThat(options.refusedOptions()).isEqualTo(Map.of(
                "socketfactory", "makes the driver instantiate a class named in the URL",
                "sslfactory", "makes the driver instantiate a class named in the URL",
                "sslkeystore", "reads a client key store from the local file system, authenticating as this host",
                "keytab", "reads a Kerberos keytab from the local file system, authenticating as this host",
                "logpath", "writes driver log files to a local directory"));
    }
}
