package dev.dbspec.host;

import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A runtime and its REST server for the security tests, with helpers to add users and send raw HTTP. */
final class SecuredServer implements AutoCloseable {
    final ServerRuntime runtime;
    final RestServer server;

    private SecuredServer(ServerRuntime runtime, RestServer server) {
        this.runtime = runtime;
        this.server = server;
    }

    /** A plugins directory with the built plugins under {@code dir}. */
    static Path plugins(Path dir) {
        try {
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            if (Files.list(plugins).findAny().isEmpty()) {
                TestPluginJars.copyBuiltPlugins(plugins);
            }
            return plugins;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SecuredServer start(Path plugins, DbspecConfig config) {
        ServerRuntime runtime = ServerRuntime.start(config, Optional.of(plugins));
        try {
            return new SecuredServer(runtime, RestServer.start(runtime, "127.0.0.1", 0));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    /** Adds a user and returns their token. */
    String addUser(String name, Role role) {
        return runtime.security().addUser("test", name, role).token();
    }

    Http as(String token) {
        return new Http(port(), token);
    }

    Http anonymous() {
        return new Http(port());
    }

    @Override
    public void close() {
        server.close();
        runtime.close();
    }

    /** A response read from a raw socket. */
    record Raw(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends {@code request} (a whole HTTP/1.1 request, headers chosen freely, such as a foreign
     * {@code Host} the JDK client would not send) and reads the answer.
     */
    static Raw raw(int port, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Raw(status, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unchunk(String body) {
        StringBuilder result = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            result.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return result.toString();
    }

    /** A GET with the given Host and extra header lines, connection closed after. */
    static String get(String path, String host, String... headerLines) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return request.append("\r\n").toString();
    }
}
