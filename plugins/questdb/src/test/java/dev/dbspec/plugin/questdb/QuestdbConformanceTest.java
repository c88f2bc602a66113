package dev.dbspec.plugin.questdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecConformance;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole kit against a live QuestDB: the server {@code .ci/engines/start questdb} runs (QuestDB 9.3.4 from Maven
 * Central, Java 17) on 127.0.0.1:8812, found by TestDatabases, or {@code DBSPEC_TEST_QUESTDB_URL}.
 */
class QuestdbConformanceTest extends EngineSpecConformance {
    private final EngineSpec spec = new QuestdbEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    /** The spec vets what pgjdbc's own parser reads from the URL and the properties. */
    @Override
    protected boolean readsOptionsWithTheDriversParser() {
        return true;
    }

    /** pgjdbc's options that load classes, write logs or log in as this host. */
    @Override
    protected Set<String> refusedByName() {
        return Set.of("socketFactory", "sslhostnameverifier", "loggerFile", "jaasLogin", "service", "replication");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("sslmode=sometimes", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:questdb://questdb.example.com:8812/qdb?sslmode=verify-full&connectTimeout=10&ApplicationName=dbspec");
    }

    /** QuestDB's types as pgjdbc reports them over QuestDB 9.3.4's pgwire (checked live by the kit). */
    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                Map.entry("VARCHAR", GenericType.STRING), Map.entry("SYMBOL", GenericType.STRING), Map.entry("CHAR", GenericType.STRING),
                Map.entry("UUID", GenericType.STRING), Map.entry("IPV4", GenericType.STRING), Map.entry("BYTE", GenericType.INTEGER),
                Map.entry("SHORT", GenericType.INTEGER), Map.entry("INT", GenericType.INTEGER), Map.entry("LONG", GenericType.INTEGER),
                Map.entry("FLOAT", GenericType.FLOAT), Map.entry("DOUBLE", GenericType.FLOAT), Map.entry("BOOLEAN", GenericType.BOOLEAN),
                Map.entry("DECIMAL(10,2)", GenericType.DECIMAL), Map.entry("TIMESTAMP", GenericType.TIMESTAMP),
                // QuestDB's DATE is milliseconds since the epoch, a timestamp on the wire
                Map.entry("DATE", GenericType.TIMESTAMP), Map.entry("BINARY", GenericType.BINARY));
    }

    @Test
    void grainsFromDateTruncAndTimestampFloor() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("date_trunc('quarter', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.SIX_HOURS, "ts")).isEqualTo("timestamp_floor('6h', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.HALF_HOUR, "ts")).isEqualTo("timestamp_floor('30m', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "ts"))
                .isEqualTo("dateadd('d', 5, date_trunc('week', dateadd('d', 1, ts)))");
    }

    @Test
    void castLiteralsMicrosecondEpochsAndPgjdbc() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02T03:04:05.678000Z' AS TIMESTAMP)");
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("CAST({col} * 1000000 AS TIMESTAMP)");
        assertThat(spec.driverUrl("jdbc:questdb://q:8812/qdb")).isEqualTo("jdbc:postgresql://q:8812/qdb");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec.driverArtifact()).hasValueSatisfying(artifact -> assertThat(artifact.bundled()).isTrue());
    }

    /** QuestDB answers every error with SQLSTATE 00000: its wording decides. */
    @Test
    void classifiesQuestdbMessages() {
        assertThat(spec.classifyError(new SQLException("ERROR: table does not exist [table=x]", "00000"))).isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("ERROR: invalid username/password", "00000"))).isEqualTo(ErrorCategory.BAD_CREDENTIALS);
        assertThat(spec.classifyError(new SQLException("ERROR: unexpected token [FROM]", "00000"))).isEqualTo(ErrorCategory.SYNTAX);
        assertThat(spec.classifyError(new SQLException("ERROR: cancelled by user [fd=12]", "00000"))).isEqualTo(ErrorCategory.CANCELLED);
    }

    @Test
    void noPrimaryKeysNoCatalogsNoTimeOrJson() {
        assertThat(spec.primaryKeys()).isFalse();
        assertThat(spec.storableTypes()).doesNotContain(GenericType.TIME, GenericType.JSON, GenericType.DATE);
        assertThat(spec.columnTypeFor(GenericType.STRING)).isEqualTo("VARCHAR");
        assertThat(spec.selectStar(new dev.dbspec.api.TableName(java.util.Optional.of("qdb"), java.util.Optional.of("public"), "trades"),
                List.of(), 10)).doesNotContain("qdb").doesNotContain("public");
    }

    /** A table name is a LIKE pattern to getColumns ('_' matches any character): only the table's own columns are listed. */
    @Test
    void tableDetailListsOnlyItsOwnTablesColumns() throws Exception {
        dev.dbspec.testdb.TestDatabase database = database();
        String suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String table = "dbspec_like_" + suffix;
        String lookalike = "dbspecXlikeX" + suffix;
        try (java.sql.Connection connection = database.connect(spec()); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (own INT)");
            statement.execute("CREATE TABLE " + lookalike + " (other INT, another INT)");
            try {
                dev.dbspec.api.TableDetail detail = spec().tableDetail(connection, dev.dbspec.api.TableName.of(null, table)).orElseThrow();
                assertThat(detail.columns()).extracting(dev.dbspec.api.ColumnInfo::name).containsExactly("own");
            } finally {
                statement.execute("DROP TABLE " + table);
                statement.execute("DROP TABLE " + lookalike);
            }
        }
    }

    /** A partition's period from any of its timestamps: QuestDB's weeks start on Monday. */
    @Test
    void partitionPeriods() {
        java.time.LocalDateTime at = java.time.LocalDateTime.of(2024, 2, 29, 13, 45, 10, 123_000);
        assertThat(QuestdbTables.floor(at, "HOUR")).isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 13, 0));
        assertThat(QuestdbTables.floor(at, "DAY")).isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(QuestdbTables.floor(at, "WEEK")).isEqualTo(java.time.LocalDateTime.of(2024, 2, 26, 0, 0));
        assertThat(QuestdbTables.floor(at, "MONTH")).isEqualTo(java.time.LocalDateTime.of(2024, 2, 1, 0, 0));
        assertThat(QuestdbTables.floor(at, "YEAR")).isEqualTo(java.time.LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThat(QuestdbTables.next(java.time.LocalDateTime.of(2024, 2, 1, 0, 0), "MONTH")).isEqualTo(java.time.LocalDateTime.of(2024, 3, 1, 0, 0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuestdbTables.floor(at, "NONE")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Upload columns QuestDB can hold without loss: 64-bit integers, booleans as text (its BOOLEAN has no NULL); RENAME TABLE. */
    @Test
    void uploadTypesAndRename() {
        assertThat(spec.uploadColumnType(GenericType.INTEGER)).isEqualTo("LONG");
        assertThat(spec.uploadColumnType(GenericType.BOOLEAN)).isEqualTo("VARCHAR");
        assertThat(spec.uploadColumnType(GenericType.TIMESTAMP)).isEqualTo("TIMESTAMP");
        assertThat(spec.renameTableSql(dev.dbspec.api.TableName.of("public", "a"), dev.dbspec.api.TableName.of("public", "b")))
                .isEqualTo("RENAME TABLE \"a\" TO \"b\"");
        assertThat(spec.columnsProbeSql("\"t\"")).isEqualTo("SELECT * FROM \"t\" LIMIT 0");
    }

    /**
     * QuestDB 9.3.4 answers {@code SELECT * FROM t WHERE 1 = 0} from its query cache after {@code t} is dropped; the
     * spec's probe does not, so an upload never takes a dropped staging or marker table for a live one.
     */
    @Test
    void theColumnsProbeSeesThatATableWasDropped() throws Exception {
        dev.dbspec.testdb.TestDatabase database = database();
        String table = "dbspec_probe_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        dev.dbspec.api.TableName name = dev.dbspec.api.TableName.of(null, table);
        try (java.sql.Connection connection = database.connect(spec()); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (own INT)");
            boolean dropped = false;
            try {
                assertThat(dev.dbspec.api.TableUpload.existingColumns(spec, connection, name)).isPresent();
                statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0").close(); // the default probe, now cached
                statement.execute("DROP TABLE " + table);
                dropped = true;
                assertThat(dev.dbspec.api.TableUpload.existingColumns(spec, connection, name)).isEmpty();
                // why the override exists: the default probe still answers for the dropped table
                try (java.sql.ResultSet stale = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
                    assertThat(stale.getMetaData().getColumnName(1)).isEqualTo("own");
                }
            } finally {
                if (!dropped) {
                    statement.execute("DROP TABLE " + table);
                }
            }
        }
    }

    /** QuestDB places an error in UTF-16 units: after an emoji (two units, one character) the column is still the character's. */
    @Test
    void validationColumnsCountCharacters() throws Exception {
        try (java.sql.Connection connection = database().connect(spec())) {
            dev.dbspec.api.SqlValidation afterEmoji = spec.validate(connection, "SELECT '\uD83D\uDE00' AS a, nocol FROM long_sequence(1)");
            assertThat(afterEmoji.errors()).singleElement().satisfies(problem -> {
                assertThat(problem.line()).isEqualTo(1);
                assertThat(problem.column()).as(problem.message()).isEqualTo(18);
                assertThat(problem.message()).contains("Invalid column: nocol");
            });
            dev.dbspec.api.SqlValidation secondLine = spec.validate(connection, "SELECT 1\nFROM dbspec_no_such_table");
            assertThat(secondLine.errors()).singleElement().satisfies(problem -> {
                assertThat(problem.line()).isEqualTo(2);
                assertThat(problem.column()).isEqualTo(6);
            });
            assertThat(spec.validate(connection, "SELECT x FROM long_sequence(3)").valid()).isTrue();
        }
    }
}
