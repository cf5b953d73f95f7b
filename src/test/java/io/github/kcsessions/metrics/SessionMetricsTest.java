package io.github.kcsessions.metrics;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void attach() {
        Metrics.globalRegistry.add(registry);
    }

    @AfterEach
    void detach() {
        Metrics.globalRegistry.remove(registry);
    }

    @Test
    void anOutcomeFollowsTheStatusAndWhatEnded() {
        assertEquals("revoked", SessionMetrics.outcome(204, 1));
        assertEquals("none", SessionMetrics.outcome(200, 0));
        assertEquals("refused", SessionMetrics.outcome(404, 0));
        assertEquals("refused", SessionMetrics.outcome(409, 0));
        assertEquals("failed", SessionMetrics.outcome(500, 0));
        assertEquals("failed", SessionMetrics.outcome(503, 3));
    }

    @Test
    void aRevocationCountsTheRequestAndTheSessionsItEnded() {
        SessionMetrics.revocation("demo", "self_others", "revoked", 3);
        SessionMetrics.revocation("demo", "self_others", "none", 0);

        assertEquals(1, registry.get("keycloak.device_sessions.revocations")
                .tags("realm", "demo", "route", "self_others", "outcome", "revoked").counter().count());
        assertEquals(1, registry.get("keycloak.device_sessions.revocations")
                .tags("outcome", "none").counter().count());
        assertEquals(3, registry.get("keycloak.device_sessions.revoked.sessions")
                .tags("route", "self_others").summary().totalAmount());
        assertEquals(1, registry.get("keycloak.device_sessions.revoked.sessions").summary().count(),
                "a request that ended nothing is not a revocation of zero sessions");
    }

    @Test
    void adminSearchesHaveFewLatencyBuckets() {
        SessionMetrics.adminSearch("demo", "search", Duration.ofMillis(30));

        var snapshot = registry.get("keycloak.device_sessions.admin.searches").tags("kind", "search").timer()
                .takeSnapshot();
        assertEquals(11, snapshot.histogramCounts().length);
        assertEquals(1, snapshot.count());
    }

    @Test
    void theGeoIpBuildTimeIsAGauge() {
        SessionMetrics.geoIpBuilt(1_700_000_000L);
        assertEquals(1_700_000_000d, registry.get("keycloak.device_sessions.geoip.build.timestamp").gauge().value());
        SessionMetrics.geoIpBuilt(-1);
        assertEquals(-1d, registry.get("keycloak.device_sessions.geoip.build.timestamp").gauge().value());
    }
}
