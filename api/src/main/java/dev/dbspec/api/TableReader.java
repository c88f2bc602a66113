package dev.dbspec.api;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads something about one table from the engine's catalog, for a {@link DeclaredEngineSpec} to answer
 * {@link EngineSpec#partitions}, {@link EngineSpec#latestPartition} and {@link EngineSpec#extraTableMetadata} with: typically a
 * method reference to a family's or engine's catalog reader ({@code MysqlPartitions::partitions}).
 *
 * @param <T> what is read
 * @since 1.5.0
 */
@FunctionalInterface
public interface TableReader<T> {
    /**
     * @param spec the engine's spec (its quoting and literals)
     * @throws SQLException when the engine cannot read its catalog
     */
    T read(Connection connection, EngineSpec spec, TableName table) throws SQLException;
}
