package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facts SPI 1.5.0 adds to {@link EngineFacts}, as {@link DeclaredEngineSpec} answers them, and the literal shapes. */
class DeclaredFactsTest {
    private static final LocalDateTime VALUE = LocalDateTime.of(2019, 1, 2, 3, 4, 5, 678_900_000);

    private static EngineFacts.Builder minimal() {
        return EngineFacts.builder("x", "X").url("jdbc:x:{database}", "jdbc:x:").driver("x.Driver");
    }

    private static EngineSpec spec(EngineFacts facts) {
        return new DeclaredEngineSpec(facts) {
        };
    }

    @Test
    void undeclaredFactsKeepEngineSpecsDefaults() {
        EngineSpec declared = spec(minimal().build());
        EngineSpec plain = new EngineSpec() {
            @Override
            public String id() {
                return "x";
            }

            @Override
            public String displayName() {
                return "X";
            }

            @Override
            public List<String> urlPrefixes() {
                return List.of("jdbc:x:");
            }

            @Override
            public String urlTemplate() {
                return "jdbc:x:{database}";
            }

            @Override
            public String driverClassName() {
                return "x.Driver";
            }

            @Override
            public Map<TimeGrain, String> timeGrainExpressions() {
                return Map.of();
            }
        };
        for (GenericType type : GenericType.values()) {
            assertThat(declared.columnTypeFor(type)).isEqualTo(plain.columnTypeFor(type));
        }
        assertThat(declared.storableTypes()).isEqualTo(plain.storableTypes());
        assertThat(declared.limitSyntax()).isEqualTo(plain.limitSyntax());
        assertThat(declared.selectExpressionSql("1")).isEqualTo("SELECT 1");
        assertThat(declared.longRunningQuery()).isEqualTo(plain.longRunningQuery());
        assertThat(declared.functionNamesSql()).isEqualTo(plain.functionNamesSql());
        assertThat(declared.functionNamesSqlListsBuiltins()).isEqualTo(plain.functionNamesSqlListsBuiltins());
        assertThat(declared.bulkLoad()).isEqualTo(plain.bulkLoad());
        assertThat(declared.transactionalDdl()).isEqualTo(plain.transactionalDdl());
        assertThat(declared.ddlAtCommit()).isEqualTo(plain.ddlAtCommit()).isFalse();
        assertThat(declared.primaryKeys()).isEqualTo(plain.primaryKeys());
        assertThat(declared.impersonation()).isEqualTo(plain.impersonation());
        assertThat(declared.hostAccess()).isEqualTo(plain.hostAccess());
        assertThat(declared.readOnlyMode("jdbc:x:db")).isEqualTo(plain.readOnlyMode("jdbc:x:db"));
    }

    @Test
    void declaredFactsAreAnswered() throws Exception {
        HostAccess host = new HostAccess(List.of("BACKUP"), Set.of("READ_FILE"));
        ReadOnlyMode readOnly = ReadOnlyMode.CLASSIFIER_ONLY.withConnectionProperties(Map.of("open_mode", "1"));
        TablePartitions partitions = new TablePartitions("RANGE", List.of("k"), List.of());
        EngineSpec spec = spec(minimal()
                .columnType(GenericType.BINARY, "BLOB")
                .withoutStorableTypes(GenericType.JSON, GenericType.TIME)
                .limitSyntax(LimitSyntax.FETCH_FIRST)
                .oneRowTable("RDB$DATABASE")
                .longRunningQuery("SELECT SLEEP(60)")
                .functionNamesSql("SELECT name FROM f", false)
                .bulkLoad(BulkLoad.batchedInsert(10, BulkLoad.Temporal.TEXT))
                .transactionalDdl()
                .ddlAtCommit()
                .withoutPrimaryKeys()
                .hostAccess(host)
                .readOnlyMode(readOnly)
                .partitions((connection, s, table) -> Optional.of(partitions), (connection, s, table) -> Optional.empty())
                .extraTableMetadata((connection, s, table) -> Map.of("engine", s.id() + ":" + table.name()))
                .build());
        assertThat(spec.columnTypeFor(GenericType.BINARY)).isEqualTo("BLOB");
        assertThat(spec.columnTypeFor(GenericType.INTEGER)).isEqualTo("INTEGER");
        assertThat(spec.storableTypes()).doesNotContain(GenericType.JSON, GenericType.TIME, GenericType.OTHER).contains(GenericType.DATE);
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.FETCH_FIRST);
        assertThat(spec.limitSyntax("any version")).isEqualTo(LimitSyntax.FETCH_FIRST);
        assertThat(spec.selectExpressionSql("1, 2")).isEqualTo("SELECT 1, 2 FROM RDB$DATABASE");
        assertThat(spec.longRunningQuery()).hasValue("SELECT SLEEP(60)");
        assertThat(spec.functionNamesSql()).hasValue("SELECT name FROM f");
        assertThat(spec.functionNamesSqlListsBuiltins()).isFalse();
        assertThat(spec.bulkLoad()).isEqualTo(BulkLoad.batchedInsert(10, BulkLoad.Temporal.TEXT));
        assertThat(spec.transactionalDdl()).isTrue();
        assertThat(spec.ddlAtCommit()).isTrue();
        assertThat(spec.primaryKeys()).isFalse();
        assertThat(spec.hostAccess()).isSameAs(host);
        assertThat(spec.readOnlyMode("jdbc:x:any")).isSameAs(readOnly);
        java.sql.Connection connection = (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        assertThat(spec.partitions(connection, TableName.of("s", "t"))).containsSame(partitions);
        assertThat(spec.latestPartition(connection, TableName.of("s", "t"))).isEmpty();
        assertThat(spec.extraTableMetadata(connection, TableName.of("s", "t"))).containsEntry("engine", "x:t");
    }

    @Test
    void literalShapes() {
        assertThat(DatetimeLiterals.casts(3, TemporalType.DATE, TemporalType.TIME).render(TemporalType.TIME, LocalTime.of(3, 4, 5, 678_900_000)))
                .hasValue("CAST('03:04:05.678' AS TIME)");
        DatetimeLiterals casts = DatetimeLiterals.casts(0);
        assertThat(casts.render(TemporalType.DATE, LocalDate.of(2019, 1, 2))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(casts.render(TemporalType.TIMESTAMP, VALUE)).hasValue("CAST('2019-01-02 03:04:05' AS TIMESTAMP)");
        assertThat(casts.render(TemporalType.TIMESTAMP_WITH_TIME_ZONE, VALUE))
                .hasValue("CAST('2019-01-02 03:04:05+00:00' AS TIMESTAMP WITH TIME ZONE)");
        DatetimeLiterals db2 = DatetimeLiterals.standard("{type}('{value}')", 0, TemporalType.DATE, TemporalType.TIME);
        assertThat(db2.render(TemporalType.DATE, VALUE)).hasValue("DATE('2019-01-02')");
        assertThat(db2.supports(TemporalType.TIMESTAMP)).isFalse();
        assertThat(DatetimeLiterals.standard("'{value}'", 3).render(TemporalType.TIMESTAMP, VALUE)).hasValue("'2019-01-02 03:04:05.678'");
        assertThat(DatetimeLiterals.typed(6).template(TemporalType.TIMESTAMP_WITH_TIME_ZONE)).hasValue("TIMESTAMP WITH TIME ZONE '{value}'");
        assertThatThrownBy(() -> DatetimeLiterals.standard("{type}", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatetimeLiterals.casts(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withLetsTheOtherFormatsWin() {
        DatetimeLiterals hana = DatetimeLiterals.typed(7, TemporalType.DATE, TemporalType.TIMESTAMP).with(DatetimeLiterals.typed(0, TemporalType.TIME));
        assertThat(hana.render(TemporalType.TIME, VALUE)).hasValue("TIME '03:04:05'");
        assertThat(hana.render(TemporalType.TIMESTAMP, VALUE)).hasValue("TIMESTAMP '2019-01-02 03:04:05.6789000'");
        assertThat(hana.supports(TemporalType.TIMESTAMP_WITH_TIME_ZONE)).isFalse();
        DatetimeLiterals overridden = DatetimeLiterals.typed(6).with(DatetimeLiterals.casts(0, TemporalType.DATE));
        assertThat(overridden.render(TemporalType.DATE, VALUE)).hasValue("CAST('2019-01-02' AS DATE)");
        DatetimeLiterals natives = DatetimeLiterals.builder().nativeType("^date$", "D('{value}')", "yyyy").build();
        assertThat(DatetimeLiterals.typed(6).with(natives).renderForNativeType("DATE", VALUE, ColumnTypes.defaults())).hasValue("D('2019')");
        assertThat(DatetimeLiterals.typed(6).with(natives).renderForNativeType("TIMESTAMP", VALUE, ColumnTypes.defaults()))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678900'");
    }

    @Test
    void doubleQuotesKeepCase() {
        assertThat(IdentifierQuoting.DOUBLE_QUOTES).isEqualTo(new IdentifierQuoting("\"", "\"", IdentifierQuoting.IdentifierCase.AS_IS));
        assertThat(IdentifierQuoting.DOUBLE_QUOTES.quote("My \"Col\"")).isEqualTo("\"My \"\"Col\"\"\"");
    }
}
