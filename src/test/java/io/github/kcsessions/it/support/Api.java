package io.github.kcsessions.it.support;

/**
 * Calls to this project's API. Every response is checked against the OpenAPI description before a test sees it.
 */
public final class Api {

    private Api() {
    }

    public static Http.Reply get(String url, String... headers) {
        return OpenApi.assertValid(Http.get(url, headers));
    }

    public static Http.Reply delete(String url, String... headers) {
        return OpenApi.assertValid(Http.delete(url, headers));
    }

    public static Http.Reply options(String url, String... headers) {
        return OpenApi.assertValid(Http.method("OPTIONS", url, null, null, headers));
    }

    public static Http.Reply send(String method, String url, String contentType, String body, String... headers) {
        return OpenApi.assertValid(Http.method(method, url, contentType, body, headers));
    }

    /** A call whose path is deliberately not in the description (unknown paths, unsupported methods). */
    public static Http.Reply unchecked(String method, String url, String... headers) {
        return Http.method(method, url, null, null, headers);
    }
}
