package io.github.kcsessions.it.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks responses of this API against its OpenAPI description, {@code docs/openapi.yaml}. */
public final class OpenApi {

    private static final OpenApiInteractionValidator VALIDATOR = load();

    private OpenApi() {
    }

    /** Fails unless the response's status, content type and body are what the description says for that operation. */
    public static Http.Reply assertValid(Http.Reply reply) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status());
        for (Map.Entry<String, List<String>> header : reply.headers().entrySet()) {
            if (header.getKey() != null && !header.getKey().startsWith(":")) {
                response.withHeader(header.getKey(), header.getValue());
            }
        }
        if (reply.body() != null && !reply.body().isEmpty()) {
            response.withBody(reply.body());
        }
        ValidationReport report = VALIDATOR.validateResponse(reply.uri().getPath(),
                Request.Method.valueOf(reply.method()), response.build());
        if (report.hasErrors()) {
            throw new AssertionError("Response does not match docs/openapi.yaml: " + reply + "\n"
                    + report.getMessages().stream().map(ValidationReport.Message::toString)
                    .collect(Collectors.joining("\n")));
        }
        return reply;
    }

    static OpenApiInteractionValidator load() {
        Path path = Path.of(System.getProperty("openapi.file", "docs/openapi.yaml"));
        try {
            return OpenApiInteractionValidator.createForInlineApiSpecification(Files.readString(path)).build();
        } catch (OpenApiInteractionValidator.ApiLoadException e) {
            throw new IllegalStateException("docs/openapi.yaml does not load: " + e.getParseMessages(), e);
        } catch (IOException e) {
            throw new IllegalStateException("Missing OpenAPI description " + path.toAbsolutePath(), e);
        }
    }
}
