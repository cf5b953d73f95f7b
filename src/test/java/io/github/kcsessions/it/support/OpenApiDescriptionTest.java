package io.github.kcsessions.it.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The OpenAPI description parses, so that every integration test can check responses against it. */
class OpenApiDescriptionTest {

    @Test
    void descriptionLoads() {
        assertNotNull(OpenApi.load());
    }
}
