package dev.dbspec.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit: extend it in a connector's tests with one engine spec, and every claim the spec
 * makes is checked, statically and against the live engine from {@link #database()}.
 *
 * <pre>{@code
 * class H2ConformanceTest extends EngineSpecConformance {
 *     @Override protected EngineSpec spec() { return new H2EngineSpec(); }
 * }
 * }</pre>
 *
 * <p>The live checks are {@link LiveChecks} (the same ones {@code dbspec test-db} runs): connecting
 * through the spec's own driver, every claimed time grain over {@link TimeGrainFixture} against
 * {@code TimeGrain.truncate}, datetime literals, epoch conversion, error categories, column types,
 * capability flags, metadata and cancellation. Temporary tables are dropped even when a check fails.
 */
public abstract class EngineSpecConformance extends EngineSpecContract {

    /** The live database; by default found by {@link TestDatabases#require(String)} for the spec's id. */
    protected TestDatabase database() {
        return TestDatabases.require(spec().id());
    }

    /** Column type used to store the fixture timestamps; the spec's {@code columnTypeFor(TIMESTAMP)} by default. */
    protected String timestampColumnType() {
        return spec().columnTypeFor(GenericType.TIMESTAMP);
    }

    /** A statement that runs for many seconds, to check cancellation; the spec's own by default. */
    protected Optional<String> longRunningQuery() {
        return spec().longRunningQuery();
    }

    /**
     * Extra native column types (as written in DDL) and the generic type each must map to, beyond the
     * spec's own {@code columnTypeFor}; the kit creates a table with these columns and checks
     * {@code ResultSetMetaData.getColumnTypeName}. Empty by default.
     */
    protected Map<String, GenericType> typeSamples() {
        return Map.of();
    }

    private LiveChecks checks() {
        TestDatabase database = database();
        return new LiveChecks(spec(), () -> database.connect(spec()), timestampColumnType(), longRunningQuery())
                .withTarget(database.target(spec()));
    }

    private static void assertPassed(CheckResult result) {
        assertThat(result.status()).as("%s: %s", result.title(), result.detail()).isEqualTo(CheckResult.Status.PASSED);
    }

    /** The check's title (the grain, literal type, capability or feature it checks) and its stable id. */
    static String displayName(CheckResult result) {
        return result.title().equals(result.id()) ? result.id() : result.title() + " [" + result.id() + "]";
    }

    /**
     * A check that could not be made here is reported as skipped (aborted), never as passed. Each test is named after
     * what it checks ({@link #displayName}), so a report reads {@code time grain PT1H (hour) [grain.PT1H]}, not {@code [13]}.
     */
    private static Stream<DynamicTest> asTests(List<CheckResult> results) {
        return results.stream().map(result -> dynamicTest(displayName(result), () -> {
            org.junit.jupiter.api.Assumptions.assumeFalse(result.status() == CheckResult.Status.SKIPPED,
                    () -> result.title() + " not checkable here: " + result.detail());
            assertPassed(result);
        }));
    }

    /**
     * The behaviour a core server relies on, each claim proven and each absence confirmed: catalogs, schema and catalog
     * switching, function names, validation without execution, cost estimation, default metrics.
     */
    @TestFactory
    Stream<DynamicTest> behaviourMatchesItsClaims() {
        TestDatabase database = database();
        return asTests(new BehaviourChecks(spec(), () -> database.connect(spec()),
                Optional.of(database.target(spec()))).all());
    }

    /**
     * The engine under test is the version {@code validated-versions.tsv} declares for this engine ({@link ValidatedVersions}),
     * so the version {@code dbspec engines} and {@code GET /api/engines} report cannot go stale; an engine without a row
     * (a third-party connector's) is not checked.
     */
    @Test
    void runsTheValidatedVersion() throws Exception {
        Optional<ValidatedVersions.ValidatedVersion> declared = ValidatedVersions.of(spec().id());
        org.junit.jupiter.api.Assumptions.assumeTrue(declared.isPresent(),
                () -> spec().id() + " declares no validated version in validated-versions.tsv");
        TestDatabase database = database();
        try (java.sql.Connection connection = database.connect(spec())) {
            ValidatedVersions.check(declared.get(), connection);
        }
    }

    @Test
    void connectsThroughItsOwnDriver() {
        LiveChecks checks = checks();
        assertPassed(checks.connect());
        assertPassed(checks.selectOne());
    }

    @TestFactory
    Stream<DynamicTest> everyClaimedGrainMatchesJavaTime() {
        return asTests(checks().timeGrains());
    }

    @TestFactory
    Stream<DynamicTest> datetimeLiteralsRoundTrip() {
        return asTests(checks().literals());
    }

    /**
     * How the host may read result values, as the spec claims ({@link EngineSpec#timestampsAsLocalDateTime()},
     * {@link EngineSpec#decimalsAsText()}): one test per claim, none for a spec claiming neither.
     */
    @TestFactory
    Stream<DynamicTest> valueReadsMatchTheirClaims() {
        TestDatabase database = database();
        return asTests(new ValueReadChecks(spec(), () -> database.connect(spec())).claimed());
    }

    /** One test when the spec declares epoch conversions, none otherwise. */
    @TestFactory
    Stream<DynamicTest> epochConversionsGiveTheRightInstant() {
        if (spec().epochSecondsToDatetime().isEmpty() && spec().epochMillisToDatetime().isEmpty()) {
            return Stream.empty();
        }
        return asTests(List.of(checks().epochs()));
    }

    /** Extra table metadata and the latest partition: claimed, proven on a scratch (partitioned) table; absent, empty. */
    @TestFactory
    Stream<DynamicTest> tableMetadataAndPartitionsMatchTheirClaims() {
        TestDatabase database = database();
        return asTests(new PartitionChecks(spec(), () -> database.connect(spec())).runAll());
    }

    /** Nested values ({@code expand_data}): claimed, a scratch query expands as Superset's does; absent, no reader. */
    @TestFactory
    Stream<DynamicTest> expandDataMatchesItsClaim() {
        TestDatabase database = database();
        return asTests(List.of(new ExpandDataChecks(spec(), () -> database.connect(spec())).expandData()));
    }

    /** User impersonation: claimed, the engine runs as the user and back; absent, refused as unsupported. */
    @TestFactory
    Stream<DynamicTest> impersonationMatchesItsClaim() {
        TestDatabase database = database();
        return asTests(List.of(new ImpersonationChecks(spec(), () -> database.connect(spec())).withTarget(database.target(spec()))
                .userImpersonation()));
    }

    /** File upload: claimed, a tricky CSV round-trips, a killed upload redelivered loads once, a bad line is named. */
    @TestFactory
    Stream<DynamicTest> fileUploadMatchesItsClaim() {
        TestDatabase database = database();
        return asTests(List.of(new UploadChecks(spec(), () -> database.connect(spec())).fileUpload()));
    }

    /** Connection parameters: the URL under test read into parameters, rebuilt, connected, secrets masked. */
    @TestFactory
    Stream<DynamicTest> connectionParametersRoundTripLive() {
        return asTests(List.of(ParameterChecks.of(spec(), database()).run()));
    }

    /**
     * SSH tunneling: for an engine with a host and a port, the database reached through a tunnel to an in-process SSH server
     * on loopback (pinned host key; another one refused); for any other, a tunnel refused.
     */
    @TestFactory
    Stream<DynamicTest> sshTunnelingMatchesItsClaim() {
        TestDatabase database = database();
        return asTests(List.of(new SshTunnelChecks(spec(), database.target(spec())).run()));
    }

    @TestFactory
    Stream<DynamicTest> errorsMapToTheirCategories() {
        return asTests(checks().errors());
    }

    @TestFactory
    Stream<DynamicTest> declaredColumnTypesReadBackAsTheirGenericType() {
        return asTests(checks().columnTypes());
    }

    @TestFactory
    Stream<DynamicTest> capabilityFlagsHoldOnTheEngine() {
        return asTests(checks().capabilities());
    }

    @Test
    void metadataListsTablesAndColumns() {
        assertPassed(checks().metadata());
    }

    @Test
    void specMetadataListsATableAndAViewItCreated() {
        assertPassed(checks().specMetadata());
    }

    /** One test when cancel is claimed (it must stop a long statement within 2 s), none otherwise. */
    @TestFactory
    Stream<DynamicTest> cancelStopsALongStatementWithinTwoSeconds() {
        if (spec().cancelMethod() == dev.dbspec.api.CancelMethod.NONE) {
            return Stream.empty();
        }
        return asTests(List.of(checks().cancel()));
    }

    /** One test per {@link #typeSamples()} entry: the reported type name maps to the expected generic type. */
    @TestFactory
    Stream<DynamicTest> sampleColumnTypesMapToGenericTypes() throws Exception {
        Map<String, GenericType> samples = typeSamples();
        if (samples.isEmpty()) {
            return Stream.empty();
        }
        Map<String, LiveChecks.ReadBack> readBack = checks().readBackTypes(samples.keySet());
        return samples.entrySet().stream().map(sample -> dynamicTest(sample.getKey() + " reads back as " + sample.getValue(), () -> {
            LiveChecks.ReadBack actual = readBack.get(sample.getKey());
            assertThat(actual.generic()).as("%s %s reported as %s", spec().id(), sample.getKey(), actual.reported())
                    .isEqualTo(sample.getValue());
        }));
    }
}
