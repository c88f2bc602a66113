package dev.dbspec.host.security;

import static java.util.Objects.requireNonNull;

import dev.dbspec.host.databases.RequestException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what: authenticates bearer tokens (dbspec's own, looked up by hash in the
 * {@link SecurityStore}, or OIDC JWTs when configured), decides which databases a principal may use
 * (admins all, analysts those granted to them), manages users (each change audited), creates the
 * bootstrap admin, and writes the audit log without ever failing the request that is audited.
 */
public final class AccessControl implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    /** RFC 6750: {@code Bearer} then one b64token. */
    private static final Pattern BEARER = Pattern.compile("(?i:bearer) ([A-Za-z0-9\\-._~+/]+=*)");
    /** The bootstrap admin's name. */
    public static final String BOOTSTRAP_ADMIN = "admin";

    /** A token just issued: shown once to whoever asked, never stored. {@link #toString()} hides it. */
    public record IssuedToken(UserAccount user, String token) {
        public IssuedToken {
            requireNonNull(user, "user is null");
            requireNonNull(token, "token is null");
        }

        @Override
        public String toString() {
            return "IssuedToken[user=" + user.name() + ", token=***]";
        }
    }

    /** What the bootstrap did. */
    public enum Bootstrap {
        /** The admin was created from the token. */
        CREATED,
        /** Users exist: the token was ignored. */
        USERS_EXIST,
        /** No user and no token: every route but health answers 401 until a user is added. */
        NO_USER
    }

    private final SecurityStore store;
    private final Optional<JwtVerifier> jwt;
    private final FailureThrottle failures = new FailureThrottle(60);

    public AccessControl(SecurityStore store, Optional<JwtVerifier> jwt) {
        this.store = requireNonNull(store, "store is null");
        this.jwt = requireNonNull(jwt, "jwt is null");
    }

    public SecurityStore store() {
        return store;
    }

    public Optional<JwtVerifier> jwt() {
        return jwt;
    }

    /**
     * The principal an {@code Authorization} header proves.
     *
     * @throws AuthenticationException when it is missing, malformed, unknown, revoked or an invalid JWT
     * @throws RequestException        FORBIDDEN for a valid JWT without a dbspec role; UNAVAILABLE when the JWKS is unreachable
     */
    public Principal authenticate(Optional<String> authorization) {
        requireNonNull(authorization, "authorization is null");
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            throw AuthenticationException.missing();
        }
        Matcher bearer = BEARER.matcher(authorization.get().strip());
        if (!bearer.matches()) {
            throw new AuthenticationException("the Authorization header must be 'Bearer <token>'");
        }
        String token = bearer.group(1);
        Optional<UserAccount> local = store.userByTokenHash(AccessTokens.hash(token));
        if (local.isPresent()) {
            return new Principal(local.get().name(), local.get().role(), Principal.Source.TOKEN);
        }
        if (jwt.isPresent() && JwtVerifier.looksLikeJwt(token)) {
            return jwt.get().verify(token);
        }
        throw new AuthenticationException("unknown or revoked token");
    }

    /** Whether {@code principal} may list, inspect and query {@code database}: admins always, analysts with a grant. */
    public boolean mayUse(Principal principal, String database) {
        requireNonNull(principal, "principal is null");
        requireNonNull(database, "database is null");
        if (principal.has(Role.ADMIN)) {
            return true;
        }
        return principal.has(Role.ANALYST) && store.isGranted(database, principal.name());
    }

    // ---- users

    /**
     * Adds a user with a new token.
     *
     * @throws IllegalArgumentException for a bad name
     * @throws RequestException         CONFLICT when the name is taken
     */
    public IssuedToken addUser(String actor, String name, Role role) {
        UserAccount.checkName(name);
        requireNonNull(role, "role is null");
        String token = AccessTokens.generate();
        Instant now = Instant.now();
        UserAccount user = new UserAccount(name, role, now, now);
        if (!store.addUser(user, AccessTokens.hash(token))) {
            audit(AuditEntry.of(actor, AuditAction.USER_ADD, Optional.empty(), "conflict", Map.of("target", name, "role", role.id())));
            throw new RequestException(RequestException.Kind.CONFLICT, "user '" + name + "' already exists");
        }
        audit(AuditEntry.of(actor, AuditAction.USER_ADD, Optional.empty(), "ok", Map.of("target", name, "role", role.id())));
        LOG.info("user {} added with role {} by {}", name, role.id(), actor);
        return new IssuedToken(user, token);
    }

    /** Removes a user and their grants; false when there is none. */
    public boolean removeUser(String actor, String name) {
        boolean removed = store.removeUser(name);
        audit(AuditEntry.of(actor, AuditAction.USER_REMOVE, Optional.empty(), removed ? "ok" : "not_found", Map.of("target", name)));
        if (removed) {
            LOG.info("user {} removed by {}", name, actor);
        }
        return removed;
    }

    /** Gives a user a new token; the old one stops working at once. Empty when there is no such user. */
    public Optional<IssuedToken> rotateToken(String actor, String name) {
        Optional<UserAccount> user = store.user(name);
        if (user.isEmpty()) {
            audit(AuditEntry.of(actor, AuditAction.TOKEN_ROTATE, Optional.empty(), "not_found", Map.of("target", name)));
            return Optional.empty();
        }
        String token = AccessTokens.generate();
        Instant now = Instant.now();
        if (!store.replaceToken(name, AccessTokens.hash(token), now)) {
            audit(AuditEntry.of(actor, AuditAction.TOKEN_ROTATE, Optional.empty(), "not_found", Map.of("target", name)));
            return Optional.empty();
        }
        audit(AuditEntry.of(actor, AuditAction.TOKEN_ROTATE, Optional.empty(), "ok", Map.of("target", name)));
        LOG.info("token of user {} rotated by {}", name, actor);
        UserAccount account = user.get();
        return Optional.of(new IssuedToken(new UserAccount(account.name(), account.role(), account.created(), now), token));
    }

    /**
     * On a store without users, creates the admin {@value #BOOTSTRAP_ADMIN} whose token is
     * {@code bootstrapToken} (from {@code DBSPEC_BOOTSTRAP_ADMIN_TOKEN}); with users, ignores it.
     *
     * @throws IllegalArgumentException when the token is too short or predictable (the message never holds it)
     */
    public Bootstrap bootstrap(Optional<String> bootstrapToken) {
        requireNonNull(bootstrapToken, "bootstrapToken is null");
        if (!store.users().isEmpty()) {
            bootstrapToken.ifPresent(ignored -> LOG.info("users exist in the security store: DBSPEC_BOOTSTRAP_ADMIN_TOKEN is ignored "
                    + "(unset it; manage tokens with 'dbspec users' and 'dbspec tokens rotate')"));
            return Bootstrap.USERS_EXIST;
        }
        if (bootstrapToken.isEmpty()) {
            LOG.warn("no user exists yet: every route but GET /api/health answers 401. Create an admin with "
                    + "'dbspec users add NAME --role admin' (same --data-dir/--config as serve), or start serve once with "
                    + "DBSPEC_BOOTSTRAP_ADMIN_TOKEN set to a random secret of at least {} characters", AccessTokens.MIN_LENGTH);
            return Bootstrap.NO_USER;
        }
        AccessTokens.checkStrength(bootstrapToken.get(), "DBSPEC_BOOTSTRAP_ADMIN_TOKEN");
        Instant now = Instant.now();
        UserAccount admin = new UserAccount(BOOTSTRAP_ADMIN, Role.ADMIN, now, now);
        if (!store.addFirstUser(admin, AccessTokens.hash(bootstrapToken.get()))) {
            return Bootstrap.USERS_EXIST; // another server bootstrapped meanwhile
        }
        audit(AuditEntry.of("bootstrap", AuditAction.USER_BOOTSTRAP, Optional.empty(), "ok", Map.of("target", BOOTSTRAP_ADMIN, "role", "admin")));
        LOG.warn("created the admin user '{}' from DBSPEC_BOOTSTRAP_ADMIN_TOKEN; replace that token with "
                + "'dbspec tokens rotate {}' and unset the variable", BOOTSTRAP_ADMIN, BOOTSTRAP_ADMIN);
        return Bootstrap.CREATED;
    }

    // ---- audit

    /** Appends {@code entry}; a store failure is logged, never thrown (the audited work already happened). */
    public void audit(AuditEntry entry) {
        requireNonNull(entry, "entry is null");
        try {
            store.append(entry);
        } catch (RuntimeException e) {
            LOG.error("cannot write the audit entry {} {} by {}: {}", entry.action().id(), entry.database().orElse(""), entry.user(), e.getMessage());
        }
    }

    /**
     * Appends a refusal (failed authentication, access denied) unless too many came this minute: an
     * unauthenticated client must not be able to fill the store. The next entry written says how many
     * were left out.
     */
    public void auditRefusal(AuditEntry entry) {
        long suppressed = failures.admit();
        if (suppressed < 0) {
            return;
        }
        if (suppressed == 0) {
            audit(entry);
            return;
        }
        Map<String, String> details = new LinkedHashMap<>(entry.details());
        details.put("suppressedBefore", Long.toString(suppressed));
        audit(new AuditEntry(entry.id(), entry.at(), entry.user(), entry.action(), entry.database(), entry.sql(), entry.sqlSha256(),
                entry.rows(), entry.durationMs(), entry.outcome(), details));
    }

    /** At most {@code perMinute} admissions per minute; counts the rest. */
    static final class FailureThrottle {
        private final int perMinute;
        private long windowStart = System.nanoTime();
        private int admitted;
        private long dropped;

        FailureThrottle(int perMinute) {
            this.perMinute = perMinute;
        }

        /** -1 to drop; otherwise admitted, with the number dropped since the last admission. */
        synchronized long admit() {
            long now = System.nanoTime();
            if (now - windowStart >= 60_000_000_000L) {
                windowStart = now;
                admitted = 0;
            }
            if (admitted >= perMinute) {
                dropped++;
                return -1;
            }
            admitted++;
            long before = dropped;
            dropped = 0;
            return before;
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
