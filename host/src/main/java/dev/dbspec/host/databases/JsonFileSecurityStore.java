package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbspec.host.security.AccessTokens;
import dev.dbspec.host.security.AuditAction;
import dev.dbspec.host.security.AuditEntry;
import dev.dbspec.host.security.AuditQuery;
import dev.dbspec.host.security.Grant;
import dev.dbspec.host.security.Role;
import dev.dbspec.host.security.SecurityStore;
import dev.dbspec.host.security.UserAccount;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Users, grants and the audit log as files of the data directory ({@code store=file}): {@code users.json}
 * and {@code grants.json} rewritten atomically, {@code audit.jsonl} appended one JSON line per entry, all
 * readable by their owner only. Every change runs under an exclusive lock on {@code security.lock}
 * (between processes: the server, its workers and the CLI) and a lock per directory in this process.
 */
public final class JsonFileSecurityStore implements SecurityStore {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final ObjectMapper LINES = JsonMapper.builder().build();
    private static final Map<Path, Object> PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Path users;
    private final Path grants;
    private final Path audit;
    private final Path lock;

    public JsonFileSecurityStore(Path dir) {
        this.dir = requireNonNull(dir, "dir is null").toAbsolutePath().normalize();
        this.users = this.dir.resolve("users.json");
        this.grants = this.dir.resolve("grants.json");
        this.audit = this.dir.resolve("audit.jsonl");
        this.lock = this.dir.resolve("security.lock");
    }

    /** Runs {@code work} holding this directory's lock, in this process and between processes. */
    private <T> T locked(Supplier<T> work) {
        Object processLock = PROCESS_LOCKS.computeIfAbsent(dir, key -> new Object());
        synchronized (processLock) {
            try {
                Files.createDirectories(dir);
                try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    restrict(lock);
                    return work.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock the security store " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    // ---- users

    private record StoredUser(UserAccount account, String tokenHash) {
    }

    private List<StoredUser> readUsers() {
        List<StoredUser> result = new ArrayList<>();
        for (Map<String, Object> row : readRows(users)) {
            UserAccount account = new UserAccount((String) row.get("name"), Role.parse((String) row.get("role")),
                    AuditEntry.fromMicros(((Number) row.get("createdUs")).longValue()),
                    AuditEntry.fromMicros(((Number) row.get("tokenIssuedUs")).longValue()));
            result.add(new StoredUser(account, (String) row.get("tokenHash")));
        }
        return result;
    }

    private void writeUsers(List<StoredUser> stored) {
        List<Map<String, Object>> rows = new ArrayList<>();
        stored.stream().sorted(Comparator.comparing(user -> user.account().name())).forEach(user -> rows.add(Map.of(
                "name", user.account().name(), "role", user.account().role().id(), "tokenHash", user.tokenHash(),
                "createdUs", micros(user.account().created()), "tokenIssuedUs", micros(user.account().tokenIssued()))));
        writeAtomically(users, rows);
    }

    @Override
    public List<UserAccount> users() {
        return locked(() -> readUsers().stream().map(StoredUser::account).sorted(Comparator.comparing(UserAccount::name)).toList());
    }

    @Override
    public boolean addUser(UserAccount user, String tokenHash) {
        requireNonNull(tokenHash, "tokenHash is null");
        return locked(() -> {
            List<StoredUser> stored = new ArrayList<>(readUsers());
            if (stored.stream().anyMatch(existing -> existing.account().name().equals(user.name()))) {
                return false;
            }
            stored.add(new StoredUser(user, tokenHash));
            writeUsers(stored);
            return true;
        });
    }

    @Override
    public boolean addFirstUser(UserAccount user, String tokenHash) {
        requireNonNull(tokenHash, "tokenHash is null");
        return locked(() -> {
            if (!readUsers().isEmpty()) {
                return false;
            }
            writeUsers(List.of(new StoredUser(user, tokenHash)));
            return true;
        });
    }

    @Override
    public boolean removeUser(String name) {
        return locked(() -> {
            List<StoredUser> stored = new ArrayList<>(readUsers());
            boolean removed = stored.removeIf(user -> user.account().name().equals(name));
            writeUsers(stored);
            List<Grant> kept = new ArrayList<>(readGrants());
            if (kept.removeIf(grant -> grant.user().equals(name))) {
                writeGrants(kept);
            }
            return removed;
        });
    }

    @Override
    public boolean replaceToken(String name, String tokenHash, Instant issued) {
        requireNonNull(tokenHash, "tokenHash is null");
        return locked(() -> {
            List<StoredUser> stored = new ArrayList<>(readUsers());
            for (int i = 0; i < stored.size(); i++) {
                UserAccount account = stored.get(i).account();
                if (account.name().equals(name)) {
                    stored.set(i, new StoredUser(new UserAccount(account.name(), account.role(), account.created(), issued), tokenHash));
                    writeUsers(stored);
                    return true;
                }
            }
            return false;
        });
    }

    @Override
    public Optional<UserAccount> userByTokenHash(String tokenHash) {
        List<StoredUser> stored = locked(() -> readUsers());
        UserAccount found = null;
        for (StoredUser user : stored) { // every hash compared, in constant time each
            if (AccessTokens.sameHash(user.tokenHash(), tokenHash)) {
                found = user.account();
            }
        }
        return Optional.ofNullable(found);
    }

    // ---- grants

    private List<Grant> readGrants() {
        List<Grant> result = new ArrayList<>();
        for (Map<String, Object> row : readRows(grants)) {
            result.add(new Grant((String) row.get("database"), (String) row.get("user"), (String) row.get("grantedBy"),
                    AuditEntry.fromMicros(((Number) row.get("createdUs")).longValue())));
        }
        return result;
    }

    private void writeGrants(List<Grant> stored) {
        List<Map<String, Object>> rows = new ArrayList<>();
        stored.stream().sorted(Comparator.comparing(Grant::database).thenComparing(Grant::user)).forEach(grant -> rows.add(Map.of(
                "database", grant.database(), "user", grant.user(), "grantedBy", grant.grantedBy(), "createdUs", micros(grant.at()))));
        writeAtomically(grants, rows);
    }

    @Override
    public List<Grant> grants(String database) {
        return locked(() -> readGrants().stream().filter(grant -> grant.database().equals(database))
                .sorted(Comparator.comparing(Grant::user)).toList());
    }

    @Override
    public List<Grant> grantsTo(String user) {
        return locked(() -> readGrants().stream().filter(grant -> grant.user().equals(user))
                .sorted(Comparator.comparing(Grant::database)).toList());
    }

    @Override
    public boolean addGrant(Grant grant) {
        return locked(() -> {
            List<Grant> stored = new ArrayList<>(readGrants());
            if (stored.stream().anyMatch(g -> g.database().equals(grant.database()) && g.user().equals(grant.user()))) {
                return false;
            }
            stored.add(grant);
            writeGrants(stored);
            return true;
        });
    }

    @Override
    public boolean removeGrant(String database, String user) {
        return locked(() -> {
            List<Grant> stored = new ArrayList<>(readGrants());
            boolean removed = stored.removeIf(g -> g.database().equals(database) && g.user().equals(user));
            if (removed) {
                writeGrants(stored);
            }
            return removed;
        });
    }

    @Override
    public void removeGrants(String database) {
        locked(() -> {
            List<Grant> stored = new ArrayList<>(readGrants());
            if (stored.removeIf(g -> g.database().equals(database))) {
                writeGrants(stored);
            }
            return null;
        });
    }

    // ---- audit

    @Override
    public void append(AuditEntry entry) {
        ObjectNode line = LINES.createObjectNode();
        line.put("id", entry.id());
        line.put("atUs", entry.atMicros());
        line.put("user", entry.user());
        line.put("action", entry.action().id());
        entry.database().ifPresent(database -> line.put("database", database));
        entry.sql().ifPresent(sql -> line.put("sql", sql));
        entry.sqlSha256().ifPresent(hash -> line.put("sqlSha256", hash));
        entry.rows().ifPresent(rows -> line.put("rows", rows));
        entry.durationMs().ifPresent(duration -> line.put("durationMs", duration));
        line.put("outcome", entry.outcome());
        line.set("details", LINES.valueToTree(entry.details()));
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        locked(() -> {
            try (FileChannel channel = FileChannel.open(audit, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                restrict(audit);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the audit log " + audit + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    @Override
    public List<AuditEntry> read(AuditQuery query) {
        return locked(() -> {
            if (!Files.exists(audit)) {
                return List.of();
            }
            Deque<AuditEntry> newest = new ArrayDeque<>();
            try (BufferedReader reader = Files.newBufferedReader(audit, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    AuditEntry entry = entry(LINES.readTree(line));
                    if (query.matches(entry)) {
                        newest.addFirst(entry);
                        if (newest.size() > query.limit()) {
                            newest.removeLast();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit log " + audit + ": " + e.getMessage(), e);
            }
            return List.copyOf(newest);
        });
    }

    private static AuditEntry entry(JsonNode line) throws IOException {
        Map<String, String> details = LINES.convertValue(line.path("details"), new TypeReference<Map<String, String>>() {
        });
        return new AuditEntry(line.path("id").asText(), AuditEntry.fromMicros(line.path("atUs").asLong()), line.path("user").asText(),
                AuditAction.fromId(line.path("action").asText()).orElseThrow(() -> new IOException("unknown audit action")),
                text(line, "database"), text(line, "sql"), text(line, "sqlSha256"), number(line, "rows"), number(line, "durationMs"),
                line.path("outcome").asText(), details == null ? Map.of() : details);
    }

    private static Optional<String> text(JsonNode line, String field) {
        return line.hasNonNull(field) ? Optional.of(line.get(field).asText()) : Optional.empty();
    }

    private static OptionalLong number(JsonNode line, String field) {
        return line.hasNonNull(field) ? OptionalLong.of(line.get(field).asLong()) : OptionalLong.empty();
    }

    // ---- files

    private static List<Map<String, Object>> readRows(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return MAPPER.readValue(file.toFile(), new TypeReference<List<Map<String, Object>>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the security store " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeAtomically(Path file, Object rows) {
        try {
            Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                restrict(temporary);
                MAPPER.writeValue(temporary.toFile(), rows);
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the security store " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's permissions apply
        }
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    @Override
    public String describe() {
        return "files " + users + ", " + grants + ", " + audit;
    }

    @Override
    public void close() {
        // nothing held between calls
    }
}
