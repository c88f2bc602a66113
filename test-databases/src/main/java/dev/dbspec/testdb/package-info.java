/**
 * Live test databases and the conformance kit for connector authors.
 *
 * <p>{@link dev.dbspec.testdb.TestDatabases} finds a database for an engine (environment variable,
 * local service, Testcontainers, embedded) or skips with a reason, and fails instead when
 * {@code DBSPEC_TESTDB_REQUIRE} names the engine. {@link dev.dbspec.testdb.EngineSpecConformance} is
 * the JUnit 5 base class a connector's test extends with its spec. {@link dev.dbspec.testdb.PluginPackagingContract}
 * (failsafe, after {@code package}) loads the connector's built plugin zip into PF4J laid out as the host and checks
 * its manifest, its SPI range, its start and its one engine spec ({@link dev.dbspec.testdb.PluginPackaging}).
 */
package dev.dbspec.testdb;
