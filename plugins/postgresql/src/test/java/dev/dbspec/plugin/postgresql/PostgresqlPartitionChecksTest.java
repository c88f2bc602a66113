package dev.dbspec.plugin.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import dev.dbspec.plugin.family.PostgresPartitions;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.PartitionChecks;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The kit's {@link PartitionChecks} on live PostgreSQL: the plugin passes both; a spec claiming the capabilities with wrong
 * answers fails them, a spec answering without claiming fails them, and one neither claiming nor answering passes.
 */
class PostgresqlPartitionChecksTest {
    private static final TestDatabase PG = TestDatabases.require("postgresql");

    @Test
    void thePluginPassesBothChecks() {
        List<CheckResult> results = new PartitionChecks(new PostgresqlEngineSpec(), PostgresqlPartitionChecksTest::open).runAll();
        assertThat(results).extracting(CheckResult::id).containsExactly("extra-table-metadata", "latest-partition");
        assertThat(results).allSatisfy(result -> assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED));
        assertThat(results.get(1).detail()).contains("_p2", "counts its 3 rows");
    }

    @Test
    void wrongClaimsFail() {
        // claims both, but gives the first partition as the latest and no extra metadata
        PostgresFamilySpec liar = new Family(EnumSet.of(Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION)) {
            @Override
            public Optional<LatestPartition> latestPartition(Connection connection, TableName table) throws SQLException {
                String first = table.name() + "_p1";
                return Optional.of(new LatestPartition(first, List.of("k"), List.of(), Optional.of("0"), Optional.of("10"), "k >= 0 AND k < 10"));
            }
        };
        List<CheckResult> results = new PartitionChecks(liar, PostgresqlPartitionChecksTest::open).runAll();
        assertThat(results).allSatisfy(result -> assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.FAILED));
        assertThat(results.get(0).detail()).contains("is empty");
        assertThat(results.get(1).detail()).contains("expected");
    }

    @Test
    void answersWithoutClaimsFailAndSilenceWithoutClaimsPasses() {
        PostgresFamilySpec unclaimed = new Family(EnumSet.noneOf(Capability.class)) {
            @Override
            public Optional<LatestPartition> latestPartition(Connection connection, TableName table) throws SQLException {
                return PostgresPartitions.latestPartition(connection, this, table);
            }

            @Override
            public Map<String, Object> extraTableMetadata(Connection connection, TableName table) throws SQLException {
                return PostgresPartitions.extraTableMetadata(connection, this, table);
            }
        };
        List<CheckResult> answering = new PartitionChecks(unclaimed, PostgresqlPartitionChecksTest::open).runAll();
        assertThat(answering).allSatisfy(result -> assertThat(result.detail()).contains("not claimed, yet answers"));
        assertThat(answering).allSatisfy(result -> assertThat(result.status()).isEqualTo(CheckResult.Status.FAILED));

        List<CheckResult> silent = new PartitionChecks(new Family(EnumSet.noneOf(Capability.class)), PostgresqlPartitionChecksTest::open).runAll();
        assertThat(silent).allSatisfy(result -> assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED));
    }

    /** A bare PostgreSQL-family spec with the given capabilities and the SPI's empty defaults. */
    private static class Family extends PostgresFamilySpec {
        private final Set<Capability> capabilities;

        Family(Set<Capability> capabilities) {
            super(facts("pgtest", "PG test").url("jdbc:postgresql://{host}:{port}/{database}", "jdbc:postgresql:")
                    .driver("org.postgresql.Driver").build());
            this.capabilities = capabilities;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }
    }

    private static Connection open() throws SQLException {
        return DriverManager.getConnection(PG.jdbcUrl(), PG.user().orElse(null), PG.password().orElse(null));
    }
}
