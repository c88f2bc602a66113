package dev.dbspec.dialects;

import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.IdentifierQuoting.IdentifierCase;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;

/** Dialect configurations for engines that have no plugin in this repository. */
final class TestDialects {
    static final DialectConfig POSTGRESQL = new DialectConfig("postgresql", SqlFamily.POSTGRESQL, LimitMethod.FORCE_LIMIT,
            LimitSyntax.LIMIT, IdentifierQuoting.DOUBLE_QUOTES_LOWER);
    static final DialectConfig MYSQL = new DialectConfig("mysql", SqlFamily.MYSQL, LimitMethod.FORCE_LIMIT,
            LimitSyntax.LIMIT, IdentifierQuoting.BACKTICKS);
    static final DialectConfig SQLITE = new DialectConfig("sqlite", SqlFamily.SQLITE, LimitMethod.FORCE_LIMIT,
            LimitSyntax.LIMIT, new IdentifierQuoting("\"", "\"", IdentifierCase.AS_IS));
    static final DialectConfig MSSQL = new DialectConfig("mssql", SqlFamily.SQL_SERVER, LimitMethod.FORCE_LIMIT,
            LimitSyntax.TOP, IdentifierQuoting.BRACKETS);
    static final DialectConfig TERADATA = new DialectConfig("teradatasql", SqlFamily.TERADATA, LimitMethod.FORCE_LIMIT,
            LimitSyntax.TOP, IdentifierQuoting.ANSI);
    static final DialectConfig ORACLE = new DialectConfig("oracle", SqlFamily.ORACLE, LimitMethod.FORCE_LIMIT,
            LimitSyntax.FETCH_FIRST, IdentifierQuoting.ANSI);
    static final DialectConfig ORACLE_11 = ORACLE.withLimitSyntax(LimitSyntax.ROWNUM);
    static final DialectConfig DB2 = new DialectConfig("db2", SqlFamily.ANSI, LimitMethod.WRAP_SQL,
            LimitSyntax.FETCH_FIRST, IdentifierQuoting.ANSI);
    static final DialectConfig CLICKHOUSE = new DialectConfig("clickhouse", SqlFamily.CLICKHOUSE, LimitMethod.FORCE_LIMIT,
            LimitSyntax.LIMIT, IdentifierQuoting.BACKTICKS);
    static final DialectConfig TRINO = new DialectConfig("trino", SqlFamily.PRESTO, LimitMethod.FORCE_LIMIT,
            LimitSyntax.LIMIT, new IdentifierQuoting("\"", "\"", IdentifierCase.LOWER));
    static final DialectConfig HIVE = new DialectConfig("hive", SqlFamily.HIVE, LimitMethod.FORCE_LIMIT,
            LimitSyntax.LIMIT, new IdentifierQuoting("`", "`", IdentifierCase.LOWER));
    static final DialectConfig BASE = new DialectConfig("base", SqlFamily.ANSI, LimitMethod.FORCE_LIMIT,
            LimitSyntax.LIMIT, new IdentifierQuoting("\"", "\"", IdentifierCase.AS_IS));

    private TestDialects() {
    }

    static SqlPipeline pipeline(DialectConfig config) {
        return new SqlPipeline(config, ParseCache.create(100_000));
    }
}
