package io.github.kcsessions.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for tests: no redirects followed, no cookies kept, every header explicit. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Http() {
    }

    public record Reply(String method, URI uri, int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headerValues(name).stream().findFirst().orElse(null);
        }

        public List<String> headerValues(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return method + " " + uri + " -> " + status + " " + body;
        }
    }

    public static Reply get(String url, String... headers) {
        return send(request(url, headers).GET());
    }

    public static Reply delete(String url, String... headers) {
        return send(request(url, headers).DELETE());
    }

    public static Reply post(String url, String contentType, String body, String... headers) {
        return method("POST", url, contentType, body, headers);
    }

    public static Reply method(String method, String url, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = request(url, headers);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    public static Reply postJson(String url, Object body, String... headers) {
        try {
            return post(url, "application/json", JSON.writeValueAsString(body), headers);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Reply postForm(String url, Map<String, String> form, String... headers) {
        return post(url, "application/x-www-form-urlencoded", form(form), headers);
    }

    public static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpRequest.Builder request(String url, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpRequest request = builder.build();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(request.method(), request.uri(), response.statusCode(), response.headers().map(),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
