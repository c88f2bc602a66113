package dev.dbspec.host.databases;

import java.util.List;

/** Where registrations persist between runs and are shared with workers. */
public interface DatabaseStore {
    /** Every stored registration. */
    List<DatabaseRegistration> load();

    /** Replaces the stored registrations with {@code registrations}. */
    void save(List<DatabaseRegistration> registrations);

    /** Where the store is, for messages (no credentials). */
    String describe();
}
