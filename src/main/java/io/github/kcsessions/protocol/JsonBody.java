package io.github.kcsessions.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request body that must be one JSON object, read strictly (a key given twice, trailing content, a wrong type are
 * errors), since a lenient reader would say yes to bodies a client did not mean. The {@code Content-Type} is read from
 * its raw text: JAX-RS's parser throws on values such as {@code application/json, text/plain} or the empty string.
 */
public final class JsonBody {

    /** In bytes of UTF-8: far above any body this API takes. */
    public static final int MAX_BYTES = 32 * 1024;

    private static final String JSON = "application/json";

    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody read(List<String> contentTypes, String body) {
        requireJsonMediaType(contentTypes);
        if (body == null || body.isBlank()) {
            throw ApiException.invalidRequest("The body is empty; it must be a JSON object.");
        }
        if (utf8Length(body) > MAX_BYTES) {
            throw new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                    "The body is larger than " + MAX_BYTES + " bytes.", Map.of("maximum", MAX_BYTES));
        }
        JsonNode root;
        try (JsonParser parser = STRICT.createParser(body)) {
            root = STRICT.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw ApiException.invalidRequest("The body has content after its JSON value.");
            }
        } catch (IOException e) {
            String problem = e instanceof JsonProcessingException json ? json.getOriginalMessage() : null;
            throw ApiException.invalidRequest(problem != null && problem.startsWith("Duplicate field")
                    ? "The body gives a key more than once." : "The body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalidRequest("The body must be a JSON object.");
        }
        return new JsonBody(root);
    }

    /** Refuses every key but these, naming the first unknown one. */
    public JsonBody allowOnly(String... names) {
        List<String> allowed = List.of(names);
        root.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw ApiException.invalidRequest("Unknown key '" + shortened(name) + "'; the body takes only "
                        + allowed + ".");
            }
        });
        return this;
    }

    /** A string value that must be there and not be blank. */
    public String requiredText(String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            throw ApiException.invalidRequest("'" + name + "' is required.");
        }
        if (!value.isTextual()) {
            throw ApiException.invalidRequest("'" + name + "' must be a string.");
        }
        return value.asText();
    }

    /** Exactly one {@code Content-Type}, naming exactly {@code application/json}, in UTF-8 if a charset is given. */
    public static void requireJsonMediaType(List<String> contentTypes) {
        if (contentTypes == null || contentTypes.isEmpty() || contentTypes.get(0) == null
                || contentTypes.get(0).isBlank()) {
            throw unsupported("The request needs 'Content-Type: application/json'.");
        }
        if (contentTypes.size() > 1 || contentTypes.get(0).indexOf(',') >= 0) {
            throw unsupported("Exactly one media type is allowed: application/json.");
        }
        String[] parts = contentTypes.get(0).split(";", -1);
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(JSON)) {
            throw unsupported(mediaType.indexOf('*') >= 0
                    ? "A wildcard is not the media type of a body: send application/json."
                    : "The body must be application/json.");
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals).strip();
            String value = equals < 0 ? "" : unquoted(parameter.substring(equals + 1).strip());
            if (!name.equalsIgnoreCase("charset") || !value.equalsIgnoreCase("utf-8")) {
                throw unsupported("application/json takes only the parameter charset=utf-8.");
            }
        }
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static ApiException unsupported(String message) {
        return new ApiException(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", message);
    }

    private static String shortened(String text) {
        String printable = text.codePoints().filter(c -> !Character.isISOControl(c))
                .limit(64)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() < text.length() ? printable + "…" : printable;
    }

    /** Every character is at least one byte, so a body longer in characters than the limit is not measured further. */
    private static long utf8Length(String body) {
        return body.length() > MAX_BYTES ? body.length() : body.getBytes(StandardCharsets.UTF_8).length;
    }
}
