/**
 * Live test databases and the conformance kit for connector authors.
 *
 * <p>{@link dev.dbspec.testdb.TestDatabases} finds a database for an engine (environment variable,
 * local service, Testcontainers, embedded) or skips with a reason, and fails instead when
 * {@code DBSPEC_TESTDB_REQUIRE} names the engine. {@link dev.dbspec.testdb.EngineSpecConformance} is
 * the JUnit 5 base class a connector's test extends with its spec.
 */
package dev.dbspec.testdb;
