package dev.dbspec.plugin.derby;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.testdb.EngineSpecConformance;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DerbyConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new DerbyEngineSpec();
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("createFrom");
    }

    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                entry("VARCHAR(10)", GenericType.STRING), entry("CHAR(3)", GenericType.STRING), entry("CLOB", GenericType.STRING),
                entry("LONG VARCHAR", GenericType.STRING), entry("INTEGER", GenericType.INTEGER), entry("BIGINT", GenericType.INTEGER),
                entry("SMALLINT", GenericType.INTEGER), entry("DECIMAL(10,2)", GenericType.DECIMAL), entry("DOUBLE", GenericType.FLOAT),
                entry("REAL", GenericType.FLOAT), entry("BOOLEAN", GenericType.BOOLEAN), entry("DATE", GenericType.DATE),
                entry("TIME", GenericType.TIME), entry("TIMESTAMP", GenericType.TIMESTAMP), entry("BLOB", GenericType.BINARY),
                entry("VARCHAR(8) FOR BIT DATA", GenericType.BINARY), entry("CHAR(8) FOR BIT DATA", GenericType.BINARY));
    }

    @Test
    void limitsWithFetchFirst() {
        assertThat(spec().limitSyntax()).isEqualTo(LimitSyntax.FETCH_FIRST);
    }
    /** Derby lists no properties in getPropertyInfo: the attributes of its reference manual are the documented list. */
    @Override
    protected java.util.Set<String> documentedDriverOptions() {
        return java.util.Set.of("bootPassword", "collation", "create", "createFrom", "dataEncryption", "databaseName", "deregister",
                "drop", "encryptionAlgorithm", "encryptionKey", "encryptionKeyLength", "encryptionProvider", "logDevice",
                "newBootPassword", "newEncryptionKey", "password", "restoreFrom", "retrieveMessageText", "rollForwardRecoveryFrom",
                "securityMechanism", "shutdown", "ssl", "territory", "traceDirectory", "traceFile", "traceFileAppend", "traceLevel",
                "upgrade", "user");
    }
}
