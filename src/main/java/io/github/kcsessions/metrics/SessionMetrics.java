package io.github.kcsessions.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The extension's meters, on Micrometer's global registry as Keycloak's own (a no-op without
 * {@code --metrics-enabled=true}), named as Keycloak names its ({@code keycloak.<area>.<what>}). The list, with an
 * alert rule and a dashboard, is in docs/operations.md.
 */
public final class SessionMetrics {

    private static final String PREFIX = "keycloak.device_sessions.";
    private static final MeterRegistry REGISTRY = Metrics.globalRegistry;
    private static final AtomicLong GEOIP_BUILD = new AtomicLong(-1);
    /** Few buckets, so that every realm's histogram stays a handful of series; enough for "how many took over 1 s". */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30)};

    static {
        Gauge.builder(PREFIX + "geoip.build.timestamp", GEOIP_BUILD, AtomicLong::get)
                .baseUnit("seconds")
                .description("When the geo-IP database in use was built (epoch seconds); -1 without one")
                .register(REGISTRY);
    }

    private SessionMetrics() {
    }

    /**
     * One request that ends sessions, by the route it came through and how it ended.
     *
     * @param outcome {@code revoked}, {@code none} (nothing to end), {@code refused} (an error the caller made),
     *                {@code failed} (the server's)
     */
    public static void revocation(String realm, String route, String outcome, int sessions) {
        count("revocations", "Requests that end sessions, by route and outcome",
                "realm", realm, "route", route, "outcome", outcome);
        if (sessions > 0) {
            DistributionSummary.builder(PREFIX + "revoked.sessions")
                    .description("Sessions ended per revocation request")
                    .baseUnit("sessions")
                    .tags("realm", realm, "route", route)
                    .register(REGISTRY).record(sessions);
        }
    }

    /**
     * A revocation request, counted once its transaction has ended: as {@code failed}, ending nothing, when it rolled
     * back, whatever the request had answered.
     */
    public static void revocationWhenDone(KeycloakSession session, String realm, String route, int status,
                                          int sessions) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                revocation(realm, route, outcome(status, sessions), sessions);
            }

            @Override
            protected void rollbackImpl() {
                revocation(realm, route, "failed", 0);
            }
        });
    }

    public static String outcome(int status, int sessions) {
        if (status >= 500) {
            return "failed";
        }
        if (status >= 400) {
            return "refused";
        }
        return sessions > 0 ? "revoked" : "none";
    }

    /**
     * A copy of an ended session, refused where it was used and removed.
     *
     * @param where {@code token_endpoint}, {@code token_check} (userinfo, introspection, bearer APIs) or {@code api}
     */
    public static void tombstoneRefusal(String realm, String where) {
        count("tombstone.refusals", "Uses of an ended session's copy that a tombstone refused",
                "realm", realm, "where", where);
    }

    /** @param outcome {@code sent}, {@code failed}, {@code known_device}, {@code first_device}, {@code no_address} */
    public static void newDeviceEmail(String realm, String outcome) {
        count("new_device.emails", "Sign-ins checked for the new-device email, by what came of it",
                "realm", realm, "outcome", outcome);
    }

    public static void endSessionConfirmed(String realm) {
        count("new_device.end_session_confirmations", "\"This wasn't me\" confirmations that ended a session",
                "realm", realm);
    }

    public static void capture(String realm) {
        count("captures", "Sign-ins and refreshes whose device was recorded", "realm", realm);
    }

    /**
     * What went wrong or was missing in a capture.
     *
     * @param problem {@code failed} (nothing recorded), {@code no_user_agent}, {@code unrecognised_user_agent},
     *                {@code geoip_database_unusable} (one is configured, but missing or unreadable), {@code no_location}
     *                (a public address the database does not know)
     */
    public static void captureProblem(String realm, String problem) {
        count("capture.problems", "Device captures that failed or lacked something, by what",
                "realm", realm, "problem", problem);
    }

    /** @param kind {@code search}, {@code dry_run} or {@code revoke_by_filter} */
    public static void adminSearch(String realm, String kind, Duration took) {
        Timer.builder(PREFIX + "admin.searches")
                .description("Admin searches and revocations by filter, by kind")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .tags("realm", realm, "kind", kind)
                .register(REGISTRY).record(took);
    }

    private static void count(String name, String description, String... tags) {
        Counter.builder(PREFIX + name).description(description).tags(tags).register(REGISTRY).increment();
    }

    /** The build time of the geo-IP database now in use (epoch seconds), or -1 when none is. */
    public static void geoIpBuilt(long epochSeconds) {
        GEOIP_BUILD.set(epochSeconds);
    }
}
