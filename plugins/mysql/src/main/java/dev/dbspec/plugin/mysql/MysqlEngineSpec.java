package dev.dbspec.plugin.mysql;

import dev.dbspec.api.BulkLoad;
import dev.dbspec.api.GenericType;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import org.pf4j.Extension;

/** MySQL through MySQL Connector/J; grains, literals, errors and types from {@link MysqlFamilySpec}. */
@Extension
public final class MysqlEngineSpec extends MysqlFamilySpec {

    public MysqlEngineSpec() {
        super(facts(MysqlEngineSpec.class)
                // The family's behaviours plus file upload (batched INSERTs through a staging table, never LOAD DATA LOCAL; UploadChecks).
                .capabilities(dev.dbspec.api.Capability.FILE_UPLOAD)
                // Without JSON: jdbc:mysql: URLs reach MariaDB servers too, where a JSON column is a LONGTEXT and Connector/J reports
                // it so (MySQL itself reports JSON, which maps to JSON).
                .withoutStorableTypes(GenericType.JSON)
                // Dates and timestamps bound as ISO text, which the server parses with their fraction: Connector/J drops the
                // fractional seconds of a LocalDateTime when it takes the server for one older than 5.6.4 (MariaDB reports 5.5.5-10.x).
                .bulkLoad(BulkLoad.batchedInsert(BulkLoad.DEFAULT_BATCH_SIZE, BulkLoad.Temporal.TEXT))
                // A read-only transaction started by SQL, which the server enforces.
                .readOnlyMode(READ_ONLY_TRANSACTION)
                // not timestampsAsLocalDateTime: Connector/J answers it in the session's zone with connectionTimeZone, a
                // Timestamp in the JVM's
                .decimalsAsText()
                .build());
    }
}
