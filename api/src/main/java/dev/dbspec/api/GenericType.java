package dev.dbspec.api;

/** The engine-independent type of a column, used to present results and check type mappings. */
public enum GenericType {
    STRING, INTEGER, DECIMAL, FLOAT, BOOLEAN, DATE, TIME, TIMESTAMP, BINARY, JSON, OTHER
}
