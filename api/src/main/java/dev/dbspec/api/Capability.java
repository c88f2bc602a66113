package dev.dbspec.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Behaviour flags an engine spec declares. Each is a claim the conformance kit can check: a claimed
 * capability must work on the live engine, an absent one must really fail.
 */
public enum Capability {
    /** The engine runs JOINs. */
    JOINS("Supports JOINs", true),
    /** The engine runs subqueries in FROM and WHERE. */
    SUBQUERIES("Supports subqueries", true),
    /** Column aliases are allowed in SELECT. */
    ALIAS_IN_SELECT("Allows aliases in the SELECT statement", true),
    /** ORDER BY may reference SELECT aliases. */
    ALIAS_IN_ORDER_BY("Allows referencing aliases in the ORDER BY statement", true),
    /** An ORDER BY alias may shadow a source column name. */
    ALIAS_TO_SOURCE_COLUMN("Allows an alias to shadow a source column in ORDER BY", true),
    /** ORDER BY may use an aggregate that is not in SELECT. */
    ORDER_BY_NOT_IN_SELECT("Allows ORDER BY an aggregate missing from SELECT", true),
    /** A WITH clause may appear inside a subquery. */
    CTE_IN_SUBQUERY("Allows a CTE inside a subquery", true),
    /** SQL comments may be sent to the engine. */
    SQL_COMMENTS("Allows comments in SQL", true),
    /** Colons may be escaped in text clauses. */
    ESCAPED_COLONS("Allows escaped colons", true),
    /** Statements can be cancelled while running. */
    CANCEL("Supports query cancelation", false),
    /** The engine has catalogs above schemas (databases in PostgreSQL, projects in BigQuery). */
    CATALOGS("Supports catalogs", false),
    /** The schema can change per query. */
    DYNAMIC_SCHEMA("Supports changing the schema per-query", false),
    /** The catalog can change per query. */
    DYNAMIC_CATALOG("Supports changing the catalog per-query", false),
    /** Files can be uploaded into tables. */
    FILE_UPLOAD("Supports file upload", true),
    /** Connections can go through an SSH tunnel. */
    SSH_TUNNELING("Supports SSH tunneling", true);

    private final String description;
    private final boolean enabledByDefault;

    Capability(String description, boolean enabledByDefault) {
        this.description = description;
        this.enabledByDefault = enabledByDefault;
    }

    /** Human-readable description, as shown in reports. */
    public String description() {
        return description;
    }

    /** Whether {@link EngineSpec#capabilities()} includes this flag unless a spec says otherwise. */
    public boolean enabledByDefault() {
        return enabledByDefault;
    }

    /** The capabilities an engine has unless its spec says otherwise. */
    public static Set<Capability> defaults() {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        for (Capability capability : values()) {
            if (capability.enabledByDefault) {
                set.add(capability);
            }
        }
        return set;
    }
}
