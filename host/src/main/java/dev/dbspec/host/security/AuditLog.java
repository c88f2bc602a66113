package dev.dbspec.host.security;

import java.util.List;

/** The append-only audit log. */
public interface AuditLog {
    /** Appends {@code entry}. */
    void append(AuditEntry entry);

    /** The newest entries matching {@code query}, newest first. */
    List<AuditEntry> read(AuditQuery query);
}
