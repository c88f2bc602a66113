package dev.dbspec.plugin.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.testdb.BehaviourChecks;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.Claims;
import dev.dbspec.testdb.SupersetScore;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A connector that claims what its engine does not do gains nothing: PostgreSQL claiming DYNAMIC_CATALOG (a connection
 * cannot switch database) fails its live check and scores no point, and FILE_UPLOAD (no live check yet) is claimed but
 * not verified.
 */
class ClaimsScoreOnlyWhenProvenTest {
    private final TestDatabase database = TestDatabases.require("postgresql");

    @Test
    void anAbsentFeatureClaimedFailsLiveAndScoresNothing() {
        EngineSpec honest = new PostgresqlEngineSpec();
        EngineSpec overclaiming = Claims.adding(honest, Set.of(Capability.DYNAMIC_CATALOG, Capability.FILE_UPLOAD));
        assertThat(overclaiming.has(Capability.DYNAMIC_CATALOG)).isTrue();

        CheckResult honestCheck = new BehaviourChecks(honest, () -> database.connect(honest)).dynamicCatalog();
        CheckResult overclaimedCheck = new BehaviourChecks(overclaiming, () -> database.connect(overclaiming)).dynamicCatalog();
        assertThat(honestCheck.status()).as(honestCheck.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(overclaimedCheck.status()).as(overclaimedCheck.detail()).isEqualTo(CheckResult.Status.FAILED);

        SupersetScore honestScore = SupersetScore.of(honest, List.of(honestCheck));
        SupersetScore overclaimedScore = SupersetScore.of(overclaiming, List.of(overclaimedCheck));
        assertThat(overclaimedScore.features().get("dynamic_catalog").verdict()).isEqualTo(SupersetScore.Verdict.FAILED);
        assertThat(overclaimedScore.features().get("file_upload").verdict()).isEqualTo(SupersetScore.Verdict.NOT_CHECKABLE);
        assertThat(overclaimedScore.claimed()).isEqualTo(honestScore.claimed() + 20);
        assertThat(overclaimedScore.verified()).isEqualTo(honestScore.verified());
    }
}
