package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One partition of a partitioned table, as {@link EngineSpec#partitions} reports it.
 *
 * @param name   the partition's name as stored (PostgreSQL: the partition table's name; MySQL and MariaDB: the
 *               {@code PARTITION_NAME}; Hive: the partition spec such as {@code ds=2024-01-01})
 * @param bound  the engine's own text of the partition's bound: PostgreSQL's {@code pg_get_expr(relpartbound, oid)}
 *               ({@code FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')}, {@code FOR VALUES IN (1, 2)},
 *               {@code FOR VALUES WITH (modulus 4, remainder 0)}, {@code DEFAULT}), MySQL's {@code PARTITION_DESCRIPTION}
 *               ({@code 2024}, {@code MAXVALUE}, {@code 1,2,3}); empty text when the engine gives none (HASH and KEY on MySQL)
 * @param parent the partition this one subdivides (nested partitions, subpartitions), empty for a partition of the table itself
 * @param rows   the engine's estimate of its rows from statistics (never a count), empty when the engine has none
 */
public record PartitionInfo(String name, String bound, Optional<String> parent, Optional<Long> rows) {
    public PartitionInfo {
        requireNonNull(name, "name is null");
        requireNonNull(bound, "bound is null");
        requireNonNull(parent, "parent is null");
        requireNonNull(rows, "rows is null");
    }

    /** A partition of the table itself. */
    public PartitionInfo(String name, String bound, Optional<Long> rows) {
        this(name, bound, Optional.empty(), rows);
    }
}
