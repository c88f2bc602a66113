package dev.dbspec.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A tiny JSON client over real HTTP for the REST tests, sending a bearer token when it has one. */
final class Http {
    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Optional<String> token;

    /** An anonymous client. */
    Http(int port) {
        this(port, Optional.empty());
    }

    /** A client sending {@code Authorization: Bearer token}. */
    Http(int port, String token) {
        this(port, Optional.of(token));
    }

    private Http(int port, Optional<String> token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** The same server with another token. */
    Http as(String otherToken) {
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), Optional.of(otherToken));
    }

    /** The same server without a token. */
    Http anonymous() {
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), Optional.empty());
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    Response post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    /** {@code method} with a JSON body (a String is sent as is). */
    Response send(String method, String path, Object body, String contentType) {
        try {
            String text = body instanceof String s ? s : MAPPER.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.ofString(text));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            return send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST with a body streamed from {@code body} without a Content-Length (chunked), as a client piping a file sends it. */
    Response postStream(String path, java.util.function.Supplier<java.io.InputStream> body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofInputStream(body))
                .header("Content-Type", contentType));
    }

    /** {@code method} without a body, with extra headers (name, value, name, value...). */
    Response request(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private Response send(HttpRequest.Builder request) {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
