package dev.dbspec.api;

/**
 * The SQL grammar family an engine speaks, which selects the parser configuration (quoting, identifier
 * casing, conformance, dialect-specific syntax) of the SQL pipeline. Engines share families. {@link #KQL}
 * is the one non-SQL family: the pipeline analyses it with its own rules instead of a SQL parser.
 */
public enum SqlFamily {
    /** SQL standard: double-quoted identifiers, unquoted names upper-cased (HSQLDB, Derby, Db2...). */
    ANSI,
    /** H2: the standard grammar, with H2's {@code //} line comments, nested block comments and {@code $$...$$} strings. */
    H2,
    /** PostgreSQL and its derivatives (Redshift, Greenplum, CockroachDB, Vertica, DuckDB...): {@code ::}, {@code ILIKE}, dollar quotes. */
    POSTGRESQL,
    /** MySQL and MariaDB and their derivatives (StarRocks, Doris, TiDB...): backticks, {@code LIMIT m, n}. */
    MYSQL,
    /** SQLite: double quotes, backticks and brackets all quote identifiers. */
    SQLITE,
    /** SQL Server, Azure Synapse, Sybase: brackets, {@code TOP n}. */
    SQL_SERVER,
    /** Oracle: double quotes, upper-cased names, {@code ROWNUM} / {@code FETCH FIRST}. */
    ORACLE,
    /** Trino, Presto, Athena. */
    PRESTO,
    /** Hive, Spark SQL, Databricks, Impala: backticks. */
    HIVE,
    /** BigQuery: backticks, project-qualified names. */
    BIGQUERY,
    /** ClickHouse: backticks or double quotes, {@code LIMIT n BY}. */
    CLICKHOUSE,
    /** Snowflake. */
    SNOWFLAKE,
    /** Teradata: {@code SEL}, {@code TOP n}, {@code SAMPLE}. */
    TERADATA,
    /** Kusto Query Language (Azure Data Explorer): not SQL but piped tabular expressions, {@code take n}, {@code .} management commands. */
    KQL
}
