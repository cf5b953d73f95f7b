package io.github.kcsessions.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonBodyTest {

    private static final String BODY = "{\"sessionToken\":\"abc\"}";

    private static String token(String contentType, String body) {
        return JsonBody.read(contentType == null ? null : List.of(contentType), body)
                .allowOnly("sessionToken").requiredText("sessionToken");
    }

    private static ApiException refusal(String contentType, String body) {
        return assertThrows(ApiException.class, () -> token(contentType, body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", " application/json ", "application/json;charset=utf-8",
            "application/json; charset=UTF-8", "application/json; charset=\"utf-8\""})
    void takesJsonInUtf8(String contentType) {
        assertEquals("abc", token(contentType, BODY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*/*", "application/*", "application/json, text/plain", "text/plain",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/jsonx",
            "application/json; charset=iso-8859-1", "application/json; boundary=x", "application/json;",
            "application/json; charset", "application/merge-patch+json", "json"})
    void refusesEveryOtherMediaTypeWith415(String contentType) {
        ApiException refused = refusal(contentType, BODY);
        assertEquals(415, refused.status().getStatusCode(), contentType);
        assertEquals("unsupported_media_type", refused.toError().error());
    }

    @Test
    void saysWhyAWildcardOrAListIsRefused() {
        assertEquals("A wildcard is not the media type of a body: send application/json.",
                refusal("*/*", BODY).getMessage());
        assertEquals("Exactly one media type is allowed: application/json.",
                refusal("application/json, text/plain", BODY).getMessage());
        assertEquals("The request needs 'Content-Type: application/json'.", refusal(null, BODY).getMessage());
        ApiException twoHeaders = assertThrows(ApiException.class,
                () -> JsonBody.read(Arrays.asList("application/json", "application/json"), BODY));
        assertEquals(415, twoHeaders.status().getStatusCode());
    }

    @Test
    void refusesADuplicateKeyInsteadOfTakingTheLast() {
        ApiException refused = refusal("application/json", "{\"sessionToken\":\"a\",\"sessionToken\":\"b\"}");
        assertEquals(400, refused.status().getStatusCode());
        assertEquals("The body gives a key more than once.", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"sessionToken\":\"a\"} x", "{\"sessionToken\":\"a\"}{}", "{\"sessionToken\":\"a\"",
            "{not json", "[]", "42", "null", "\"abc\"", "{}", "{\"sessionToken\": 42}", "{\"sessionToken\": true}",
            "{\"sessionToken\": null}", "{\"sessionToken\": \"  \"}", "{\"sessionToken\": {}}",
            "{\"sessionToken\": \"a\", \"extra\": 1}", "   "})
    void refusesEveryOtherBodyWith400(String body) {
        ApiException refused = refusal("application/json", body);
        assertEquals(400, refused.status().getStatusCode(), body);
        assertEquals("invalid_request", refused.toError().error());
    }

    @Test
    void namesTheProblem() {
        assertEquals("'sessionToken' must be a string.", refusal("application/json", "{\"sessionToken\": 42}").getMessage());
        assertEquals("The body has content after its JSON value.",
                refusal("application/json", "{\"sessionToken\":\"a\"} {}").getMessage());
        assertEquals("Unknown key 'extra'; the body takes only [sessionToken].",
                refusal("application/json", "{\"sessionToken\":\"a\",\"extra\":1}").getMessage());
    }

    @Test
    void refusesMoreThan32KibOfUtf8() {
        ApiException refused = refusal("application/json", "{\"sessionToken\":\"" + "\u20ac".repeat(11_000) + "\"}");
        assertEquals(413, refused.status().getStatusCode());
    }
}
