package dev.dbspec.api;

/** What an upload does with its target table. */
public enum UploadMode {
    /** Creates the table; fails when it exists. */
    CREATE,
    /** Adds the rows to an existing table, converting each value to its column's type. */
    APPEND,
    /** Drops the table if it exists and creates it with the upload's rows. */
    REPLACE
}
