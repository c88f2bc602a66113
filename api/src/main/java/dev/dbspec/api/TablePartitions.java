package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a table is partitioned ({@link EngineSpec#partitions}).
 *
 * @param method     the partitioning method in upper case as the engine names it: {@code RANGE}, {@code LIST},
 *                   {@code HASH} (PostgreSQL); {@code RANGE}, {@code RANGE COLUMNS}, {@code LIST}, {@code LIST COLUMNS},
 *                   {@code HASH}, {@code LINEAR HASH}, {@code KEY}, {@code LINEAR KEY}, {@code SYSTEM_TIME} (MySQL, MariaDB);
 *                   {@code VALUE} for engines partitioning by the values of partition columns (Hive, Presto, Trino)
 * @param keys       the partition key, one SQL expression per key part in the engine's quoting: a column
 *                   ({@code d}, {@code `d`}) or an expression ({@code lower(s)}, {@code year(`d`)})
 * @param partitions the partitions, in the engine's bound order where it keeps one (MySQL's ordinal position), nested
 *                   partitions after their parent's siblings with {@link PartitionInfo#parent()} set
 */
public record TablePartitions(String method, List<String> keys, List<PartitionInfo> partitions) {
    public TablePartitions {
        requireNonNull(method, "method is null");
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
        partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
    }
}
