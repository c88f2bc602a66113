package dev.dbspec.plugin.firebird;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.GenericType;
import dev.dbspec.api.SqlValidation;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TableUpload;
import dev.dbspec.api.UploadMode;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * On the live Firebird 3: what the kit does not reach. Uploads without a rename (replace, a worker killed before or after
 * the marker), validation positions counted in characters where Firebird counts bytes, and the extra metadata's values.
 */
class FirebirdLiveTest {
    private static final TestDatabase FIREBIRD = TestDatabases.require("firebird");
    private final FirebirdEngineSpec spec = new FirebirdEngineSpec();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final List<TableUpload.Column> two = List.of(new TableUpload.Column("id", GenericType.INTEGER),
            new TableUpload.Column("name", GenericType.STRING));

    @Test
    void replaceSwapsTheTableAndLeavesNoStage() throws Exception {
        TableName table = TableName.of(null, "fbl_rep_" + suffix);
        List<String> ids = new ArrayList<>();
        try (Connection connection = FIREBIRD.connect(spec)) {
            try {
                TableUpload.run(spec, connection, table, UploadMode.CREATE, id(ids), two, rows(new Object[] {1L, "a"}, new Object[] {2L, "b"}), n -> { });
                List<TableUpload.Column> three = List.of(new TableUpload.Column("id", GenericType.INTEGER),
                        new TableUpload.Column("name", GenericType.STRING), new TableUpload.Column("amount", GenericType.FLOAT));
                TableUpload.Result replaced = TableUpload.run(spec, connection, table, UploadMode.REPLACE, id(ids), three,
                        rows(new Object[] {7L, "x", 1.5}, new Object[] {8L, "y", null}, new Object[] {9L, null, -2.0}), n -> { });
                assertThat(replaced).isEqualTo(new TableUpload.Result(3, false));
                assertThat(TableUpload.existingColumns(spec, connection, table).orElseThrow()).extracting(TableUpload.Column::name)
                        .containsExactly("id", "name", "amount");
                assertThat(ids(connection, table)).containsExactly(7L, 8L, 9L);
                for (String id : ids) {
                    assertThat(TableUpload.existingColumns(spec, connection, stage(table, id))).as("stage of " + id).isEmpty();
                }
            } finally {
                cleanUp(connection, table, ids);
            }
        }
    }

    /** A worker killed while loading the stage leaves no target and no marker; the redelivery creates the table once. */
    @Test
    void aCreateKilledBeforeItsMarkerLeavesNothing() throws Exception {
        TableName table = TableName.of(null, "fbl_kil_" + suffix);
        List<String> ids = new ArrayList<>();
        try (Connection connection = FIREBIRD.connect(spec)) {
            try {
                String id = id(ids);
                Iterator<Object[]> dying = new Iterator<>() {
                    private int served;

                    @Override
                    public boolean hasNext() {
                        return true;
                    }

                    @Override
                    public Object[] next() {
                        if (served++ == 1_500) {
                            throw new IllegalStateException("worker killed");
                        }
                        return new Object[] {(long) served, "row " + served};
                    }
                };
                assertThatThrownBy(() -> TableUpload.run(spec, connection, table, UploadMode.CREATE, id, two, dying, n -> { }))
                        .hasMessageContaining("worker killed");
                connection.setAutoCommit(true);
                assertThat(TableUpload.existingColumns(spec, connection, table)).as("no target").isEmpty();
                assertThat(TableUpload.completed(spec, connection, table, id)).as("no marker").isEmpty();
                TableUpload.Result redelivered = TableUpload.run(spec, connection, table, UploadMode.CREATE, id, two,
                        rows(new Object[] {1L, "one"}), n -> { });
                assertThat(redelivered).isEqualTo(new TableUpload.Result(1, false));
                assertThat(ids(connection, table)).containsExactly(1L);
            } finally {
                cleanUp(connection, table, ids);
            }
        }
    }

    /**
     * A worker killed after the marker and the empty target committed together, before the stage's rows moved: the redelivery
     * finds the upload done and moves them, once; a third delivery changes nothing.
     */
    @Test
    void aCreateKilledAfterItsMarkerIsFinishedByTheRedelivery() throws Exception {
        TableName table = TableName.of(null, "fbl_fin_" + suffix);
        List<String> ids = new ArrayList<>();
        try (Connection connection = FIREBIRD.connect(spec)) {
            try {
                // a first upload makes the marker table; then the state a kill after the marker's commit leaves
                TableUpload.run(spec, connection, TableName.of(null, "fbl_fin0_" + suffix), UploadMode.CREATE, id(ids), two,
                        rows(new Object[] {1L, "z"}), n -> { });
                String id = id(ids);
                TableName stage = stage(table, id);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE " + TableUpload.tableSql(spec, stage) + " (\"id\" BIGINT, \"name\" BLOB SUB_TYPE TEXT)");
                    statement.execute("CREATE TABLE " + TableUpload.tableSql(spec, table) + " (\"id\" BIGINT, \"name\" BLOB SUB_TYPE TEXT)");
                    statement.execute("INSERT INTO " + TableUpload.tableSql(spec, stage) + " VALUES (5, 'five')");
                    statement.execute("INSERT INTO " + TableUpload.tableSql(spec, stage) + " VALUES (6, 'six')");
                }
                try (PreparedStatement marker = connection.prepareStatement("INSERT INTO \"dbspec_uploads\" VALUES (?, ?, 2)")) {
                    marker.setString(1, id);
                    marker.setString(2, table.name());
                    marker.executeUpdate();
                }
                TableUpload.Result redelivered = TableUpload.run(spec, connection, table, UploadMode.CREATE, id, two,
                        rows(new Object[] {9L, "never"}), n -> { });
                assertThat(redelivered).isEqualTo(new TableUpload.Result(2, true));
                assertThat(ids(connection, table)).containsExactly(5L, 6L);
                assertThat(TableUpload.existingColumns(spec, connection, stage)).as("stage dropped").isEmpty();
                assertThat(TableUpload.run(spec, connection, table, UploadMode.CREATE, id, two, rows(new Object[] {9L, "never"}), n -> { }))
                        .isEqualTo(new TableUpload.Result(2, true));
                assertThat(ids(connection, table)).containsExactly(5L, 6L);
            } finally {
                cleanUp(connection, TableName.of(null, "fbl_fin0_" + suffix), List.of());
                cleanUp(connection, table, ids);
            }
        }
    }

    /** Firebird counts bytes of the line ("ü" is two in UTF-8); the answer counts characters, as the user sees them. */
    @Test
    void validationPlacesErrorsInCharacters() throws Exception {
        try (Connection connection = FIREBIRD.connect(spec)) {
            SqlValidation.Problem column = spec.validate(connection, "SELECT 'üüüü' AS x, fbl_nocol FROM RDB$DATABASE").errors().get(0);
            assertThat(column.line()).isEqualTo(1);
            assertThat(column.column()).isEqualTo(21);
            assertThat(column.message()).contains("Column unknown", "FBL_NOCOL").doesNotContain("SQLState");
            SqlValidation.Problem table = spec.validate(connection, "SELECT 1\n  FROM fbl_missing_" + suffix).errors().get(0);
            assertThat(List.of(table.line(), table.column())).containsExactly(2, 8);
            SqlValidation.Problem token = spec.validate(connection, "SELECT 1 FROM RDB$DATABASE;\nSELECT 2 FROM RDB$DATABASE").errors().get(0);
            assertThat(List.of(token.line(), token.column())).containsExactly(2, 1);
            assertThat(spec.validate(connection, "SELECT RDB$RELATION_ID FROM RDB$DATABASE").valid()).isTrue();
        }
    }

    /** Preparing DDL and a PSQL block checks them and runs neither (the kit checks a DELETE). */
    @Test
    void validationRunsNothing() throws Exception {
        String table = "FBL_NEVER_" + suffix.toUpperCase(java.util.Locale.ROOT);
        try (Connection connection = FIREBIRD.connect(spec)) {
            assertThat(spec.validate(connection, "CREATE TABLE " + table + " (a INTEGER)").valid()).isTrue();
            assertThat(spec.validate(connection, "EXECUTE BLOCK AS BEGIN EXECUTE STATEMENT 'CREATE TABLE " + table + " (a INTEGER)'; END")
                    .valid()).isTrue();
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM RDB$RELATIONS WHERE RDB$RELATION_NAME = ?")) {
                statement.setString(1, table);
                try (ResultSet rs = statement.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).as("no table created").isZero();
                }
            }
        }
    }

    @Test
    void extraMetadataReadsTheCatalog() throws Exception {
        String table = "fbl_xm_" + suffix;
        try (Connection connection = FIREBIRD.connect(spec); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(10))");
            try {
                statement.execute("COMMENT ON TABLE " + table + " IS 'for dbspec'");
                Map<String, Object> extra = spec.extraTableMetadata(connection, TableName.of(null, table));
                assertThat(extra).containsEntry("kind", "table").containsEntry("columns", 2L).containsEntry("indexes", 1L)
                        .containsEntry("triggers", 0L).containsEntry("system", false).containsEntry("comment", "for dbspec")
                        .containsEntry("owner", FIREBIRD.user().orElseThrow().toUpperCase(java.util.Locale.ROOT));
                assertThat(spec.extraTableMetadata(connection, TableName.of(null, "RDB$DATABASE"))).containsEntry("system", true);
            } finally {
                statement.execute("DROP TABLE " + table);
            }
        }
    }

    private static Iterator<Object[]> rows(Object[]... rows) {
        return List.of(rows).iterator();
    }

    private TableName stage(TableName table, String id) {
        return new TableName(table.catalog(), table.schema(), TableUpload.stageName(spec, id));
    }

    private static String id(List<String> ids) {
        String id = UUID.randomUUID().toString().replace("-", "");
        ids.add(id);
        return id;
    }

    private List<Long> ids(Connection connection, TableName table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT \"id\" FROM " + TableUpload.tableSql(spec, table) + " ORDER BY 1")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private void cleanUp(Connection connection, TableName table, List<String> ids) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        List<TableName> drops = new ArrayList<>(List.of(table));
        ids.forEach(id -> drops.add(stage(table, id)));
        try (Statement statement = connection.createStatement()) {
            for (TableName drop : drops) {
                if (TableUpload.existingColumns(spec, connection, drop).isPresent()) {
                    statement.execute("DROP TABLE " + TableUpload.tableSql(spec, drop));
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM \"dbspec_uploads\" WHERE \"UPLOAD_ID\" = ?")) {
            for (String id : ids) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
        } catch (SQLException noMarkerTable) {
            // no upload got as far as creating it
        }
    }
}
