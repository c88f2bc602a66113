package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import org.junit.jupiter.api.Test;

class DataDrivenFactsTest {
    @Test
    void defaultColumnTypesCoverCommonNames() {
        ColumnTypes types = ColumnTypes.defaults();
        assertThat(types.resolve("VARCHAR(20)")).isEqualTo(GenericType.STRING);
        assertThat(types.resolve("character varying")).isEqualTo(GenericType.STRING);
        assertThat(types.resolve("BIGINT")).isEqualTo(GenericType.INTEGER);
        assertThat(types.resolve("int4")).isEqualTo(GenericType.INTEGER);
        assertThat(types.resolve("NUMERIC(10,2)")).isEqualTo(GenericType.DECIMAL);
        assertThat(types.resolve("double precision")).isEqualTo(GenericType.FLOAT);
        assertThat(types.resolve("bool")).isEqualTo(GenericType.BOOLEAN);
        assertThat(types.resolve("DATE")).isEqualTo(GenericType.DATE);
        assertThat(types.resolve("time without time zone")).isEqualTo(GenericType.TIME);
        assertThat(types.resolve("timestamp with time zone")).isEqualTo(GenericType.TIMESTAMP);
        assertThat(types.resolve("DATETIME")).isEqualTo(GenericType.TIMESTAMP);
        assertThat(types.resolve("bytea")).isEqualTo(GenericType.BINARY);
        assertThat(types.resolve("jsonb")).isEqualTo(GenericType.JSON);
        assertThat(types.resolve("geometry")).isEqualTo(GenericType.OTHER);
        assertThat(types.resolve("interval")).isEqualTo(GenericType.OTHER);
    }

    @Test
    void engineRulesComeFirst() {
        ColumnTypes sqlite = ColumnTypes.builder().map("^text$", GenericType.TIMESTAMP).then(ColumnTypes.defaults()).build();
        assertThat(sqlite.resolve("TEXT")).isEqualTo(GenericType.TIMESTAMP);
        assertThat(sqlite.resolve("VARCHAR")).isEqualTo(GenericType.STRING);
    }

    @Test
    void errorsClassifyBySqlStateThenMessageAcrossTheChain() {
        ErrorPatterns patterns = ErrorPatterns.builder()
                .message("Table \\S+ not found", ErrorCategory.MISSING_TABLE)
                .then(ErrorPatterns.standard())
                .build();
        assertThat(patterns.classify(new SQLException("password authentication failed", "28P01"))).isEqualTo(ErrorCategory.BAD_CREDENTIALS);
        assertThat(patterns.classify(new SQLSyntaxErrorException("Table \"X\" not found", "42S02"))).isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(patterns.classify(new SQLException("Table FOO not found"))).isEqualTo(ErrorCategory.MISSING_TABLE);
        SQLException outer = new SQLException("batch failed");
        outer.setNextException(new SQLException("Connection refused", "08001"));
        assertThat(patterns.classify(outer)).isEqualTo(ErrorCategory.UNREACHABLE_HOST);
        assertThat(patterns.classify(new SQLException("wrapped", new SQLException("canceled", "57014")))).isEqualTo(ErrorCategory.CANCELLED);
        assertThat(patterns.classify(new SQLException("something else", "XX000"))).isEqualTo(ErrorCategory.OTHER);
    }

    @Test
    void driverArtifactsNeedFullCoordinates() {
        assertThat(new DriverArtifact("org.postgresql:postgresql:42.7.8", "BSD-2-Clause", true).bundled()).isTrue();
        assertThatThrownBy(() -> new DriverArtifact("org.postgresql:postgresql", "BSD", true)).isInstanceOf(IllegalArgumentException.class);
    }
}
