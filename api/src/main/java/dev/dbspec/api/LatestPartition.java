package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The latest partition of a table and a {@code WHERE} predicate selecting exactly its rows ({@link EngineSpec#latestPartition},
 * Superset's {@code where_latest_partition}).
 *
 * @param partition  the partition's name ({@link PartitionInfo#name()})
 * @param keys       the partition key's expressions ({@link TablePartitions#keys()})
 * @param values     for LIST partitions the listed values, for engines partitioning by value (Hive, Presto, Trino, BigQuery)
 *                   one value per key; as SQL literals of the engine; empty for RANGE partitions
 * @param lowerBound for RANGE partitions the inclusive lower bound as SQL literals (a row value when the key has several
 *                   parts), empty when the partition is unbounded below or not a RANGE partition
 * @param upperBound for RANGE partitions the exclusive upper bound as SQL literals, empty when unbounded above
 *                   ({@code MAXVALUE}) or not a RANGE partition
 * @param predicate  a boolean SQL expression in the engine's quoting and literal syntax, to put after {@code WHERE} in a
 *                   query of the table: it is true for the rows of that partition and no others
 */
public record LatestPartition(String partition, List<String> keys, List<String> values, Optional<String> lowerBound,
                              Optional<String> upperBound, String predicate) {
    public LatestPartition {
        requireNonNull(partition, "partition is null");
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
        values = List.copyOf(requireNonNull(values, "values is null"));
        requireNonNull(lowerBound, "lowerBound is null");
        requireNonNull(upperBound, "upperBound is null");
        requireNonNull(predicate, "predicate is null");
    }
}
