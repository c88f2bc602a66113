package dev.dbspec.plugin.sqlite;

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
 * A connector that claims what its engine does not do gains nothing: SQLite claiming catalogs and per-query schemas and
 * catalogs (it has none of them) fails those live checks and scores no point for them, and SSH_TUNNELING (no live check yet)
 * is claimed but not verified. The same checks pass on the honest spec.
 */
class ClaimsScoreOnlyWhenProvenTest {
    private final TestDatabase database = TestDatabases.require("sqlite");

    @Test
    void absentFeaturesClaimedFailLiveAndScoreNothing() {
        EngineSpec honest = new SqliteEngineSpec();
        EngineSpec overclaiming = Claims.adding(honest, Set.of(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA, Capability.DYNAMIC_CATALOG,
                Capability.SSH_TUNNELING));
        assertThat(overclaiming.has(Capability.CATALOGS)).isTrue();

        List<CheckResult> honestChecks = checks(honest);
        List<CheckResult> overclaimedChecks = checks(overclaiming);
        assertThat(honestChecks).allSatisfy(check -> assertThat(check.status()).as(check.id() + ": " + check.detail())
                .isEqualTo(CheckResult.Status.PASSED));
        assertThat(overclaimedChecks).allSatisfy(check -> assertThat(check.status()).as(check.id() + ": " + check.detail())
                .isIn(CheckResult.Status.FAILED, CheckResult.Status.SKIPPED));
        assertThat(overclaimedChecks.get(0).status()).as("catalogs").isEqualTo(CheckResult.Status.FAILED);

        SupersetScore honestScore = SupersetScore.of(honest, honestChecks);
        SupersetScore overclaimedScore = SupersetScore.of(overclaiming, overclaimedChecks);
        assertThat(overclaimedScore.features().get("catalog").verdict()).isEqualTo(SupersetScore.Verdict.FAILED);
        assertThat(overclaimedScore.features().get("dynamic_schema").verdict()).isNotEqualTo(SupersetScore.Verdict.VERIFIED);
        assertThat(overclaimedScore.features().get("dynamic_catalog").verdict()).isNotEqualTo(SupersetScore.Verdict.VERIFIED);
        assertThat(overclaimedScore.features().get("ssh_tunneling").verdict()).isEqualTo(SupersetScore.Verdict.NOT_CHECKABLE);
        assertThat(overclaimedScore.claimed()).isEqualTo(honestScore.claimed() + 40);
        assertThat(overclaimedScore.verified()).isEqualTo(honestScore.verified());
    }

    private List<CheckResult> checks(EngineSpec spec) {
        BehaviourChecks checks = new BehaviourChecks(spec, () -> database.connect(spec));
        return List.of(checks.catalogs(), checks.dynamicSchema(), checks.dynamicCatalog());
    }
}
