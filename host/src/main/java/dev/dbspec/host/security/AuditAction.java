package dev.dbspec.host.security;

import java.util.Arrays;
import java.util.Optional;

/** What an audit entry records; {@link #id()} is how it is stored and shown. */
public enum AuditAction {
    DATABASE_REGISTER("database.register"),
    DATABASE_REMOVE("database.remove"),
    GRANT_ADD("grant.add"),
    GRANT_REMOVE("grant.remove"),
    /** A synchronous query ({@code POST /api/query}). */
    QUERY("query"),
    /** An asynchronous query accepted ({@code POST /api/query/async}). */
    QUERY_ASYNC("query.async"),
    /** An asynchronous query run by a worker. */
    QUERY_ASYNC_RUN("query.async.run"),
    QUERY_CANCEL("query.cancel"),
    /** A CSV upload accepted ({@code POST /api/databases/{name}/upload}). */
    UPLOAD("upload"),
    /** A CSV upload run by a worker (rows, outcome). */
    UPLOAD_RUN("upload.run"),
    TASK_CANCEL("task.cancel"),
    /** A test-db run of a registered database accepted ({@code POST /api/databases/{name}/test-db}). */
    TEST_DB("test-db"),
    USER_ADD("user.add"),
    USER_REMOVE("user.remove"),
    TOKEN_ROTATE("token.rotate"),
    /** The admin created from {@code DBSPEC_BOOTSTRAP_ADMIN_TOKEN}. */
    USER_BOOTSTRAP("user.bootstrap"),
    /** Credentials were presented and refused (never the credentials themselves). */
    AUTH_FAILED("auth.failed"),
    /** An authenticated user asked for something their role does not allow. */
    ACCESS_DENIED("access.denied");

    private final String id;

    AuditAction(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The action stored as {@code id}, if any. */
    public static Optional<AuditAction> fromId(String id) {
        return Arrays.stream(values()).filter(action -> action.id.equals(id)).findFirst();
    }
}
