package dev.dbspec.api;

/** The SQL temporal types an engine renders literals for. */
public enum TemporalType {
    /** A calendar date without time. */
    DATE,
    /** A time of day without date or zone. */
    TIME,
    /** A date and time without zone. */
    TIMESTAMP,
    /** A date and time with an offset from UTC. */
    TIMESTAMP_WITH_TIME_ZONE
}
