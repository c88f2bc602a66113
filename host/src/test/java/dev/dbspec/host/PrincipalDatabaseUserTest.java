package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.host.security.Principal;
import dev.dbspec.host.security.Role;
import org.junit.jupiter.api.Test;

/** The database user a dbspec user runs as on databases registered with impersonation. */
class PrincipalDatabaseUserTest {
    @Test
    void localUsersByNameOidcUsersByClaim() {
        assertThat(new Principal("alice", Role.ANALYST, Principal.Source.TOKEN).databaseUser()).isEqualTo("alice");
        assertThat(new Principal("jwt:alice@example.com", Role.ANALYST, Principal.Source.JWT).databaseUser()).isEqualTo("alice@example.com");
        assertThat(new Principal("jwt:jwt:x", Role.ADMIN, Principal.Source.JWT).databaseUser()).as("only the prefix").isEqualTo("jwt:x");
    }
}
