package dev.dbspec.host.security;

/**
 * Users, grants and the audit log, kept in the same metadata store as the registered databases
 * (an H2 file in the data directory, a shared JDBC database, or JSON files) so a server, its workers
 * and the command line share them.
 */
public interface SecurityStore extends UserStore, GrantStore, AuditLog, AutoCloseable {
    /** Where the store is, for messages (no credentials). */
    String describe();

    @Override
    void close();
}
