package io.github.kcsessions.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Shared Signals receiver, as an app would be one: a confidential client of the realm marked as a receiver, that
 * creates a poll stream (RFC 8936) for CAEP session-revoked events through Keycloak's transmitter API, polls it,
 * verifies every Security Event Token against the realm's published keys, and acknowledges what it read. The steps are
 * those of docs/signals.md.
 */
public final class SignalReceiver {

    public static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    public static final String CLIENT_ID = "signals-receiver";
    private static final String SECRET = "signals-receiver-secret";

    /** One verified Security Event Token, and when this receiver first read it. */
    public record Set(String jti, JsonNode header, JsonNode claims, Instant receivedAt) {

        public String userId() {
            return claims.path("sub_id").path("user").path("sub").asText(null);
        }

        public String sessionId() {
            return claims.path("sub_id").path("session").path("id").asText(null);
        }
    }

    private final TestRealm realm;
    private final String streamId;
    private final String pollUrl;
    private final List<Set> received = new ArrayList<>();
    private final List<String> toAcknowledge = new ArrayList<>();
    private Map<String, PublicKey> keys = Map.of();

    private SignalReceiver(TestRealm realm, String streamId, String pollUrl) {
        this.realm = realm;
        this.streamId = streamId;
        this.pollUrl = pollUrl;
    }

    /** Turns the realm's transmitter on, registers the receiver client and creates its stream. */
    public static SignalReceiver register(TestRealm realm) {
        Admin admin = realm.admin();
        String base = "/realms/" + realm.name();
        JsonNode representation = admin.json(base);
        Map<String, Object> attributes = new HashMap<>();
        representation.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        attributes.put("ssf.transmitterEnabled", "true");
        realm.update(Map.of("attributes", attributes));

        Admin.expectOk(admin.call("POST", base + "/clients", Map.of(
                "clientId", CLIENT_ID, "enabled", true, "publicClient", false, "secret", SECRET,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "attributes", Map.of("ssf.enabled", "true", "ssf.defaultSubjects", "ALL"))));
        String clientUuid = admin.json(base + "/clients?clientId=" + CLIENT_ID).get(0).get("id").asText();
        for (JsonNode scope : admin.json(base + "/client-scopes")) {
            String name = scope.get("name").asText();
            if (name.equals("ssf.read") || name.equals("ssf.manage")) {
                Admin.expectOk(admin.call("PUT", base + "/clients/" + clientUuid + "/optional-client-scopes/"
                        + scope.get("id").asText(), null));
            }
        }

        JsonNode metadata = Http.get(realm.url("/.well-known/ssf-configuration")).json();
        Http.Reply created = Http.postJson(metadata.get("configuration_endpoint").asText(), Map.of(
                "delivery", Map.of("method", "urn:ietf:rfc:8936"),
                "events_requested", List.of(SESSION_REVOKED),
                "description", "session-revoked events for a test"), "Authorization", token(realm));
        if (created.status() != 201) {
            throw new AssertionError("Creating the stream failed: " + created);
        }
        JsonNode stream = created.json();
        SignalReceiver receiver = new SignalReceiver(realm, stream.get("stream_id").asText(),
                stream.get("delivery").get("endpoint_url").asText());
        receiver.keys = keys(Http.get(metadata.get("jwks_uri").asText()).json());
        return receiver;
    }

    /**
     * Polls until a session-revoked event for this session arrives or the timeout passes, then once more, so that a
     * second event that the same sign-out sent would be seen too; every event for the session read so far.
     */
    public synchronized List<Set> awaitSessionRevoked(String sessionId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (forSession(sessionId).isEmpty() && Instant.now().isBefore(deadline)) {
            if (poll() == 0) {
                Clock.sleep(50);
            }
        }
        while (poll() > 0) {
            // Drain what is queued: a duplicate from the same sign-out commits with the first.
        }
        return forSession(sessionId);
    }

    /** Everything read so far about this session. */
    public synchronized List<Set> forSession(String sessionId) {
        return received.stream().filter(s -> s.claims().path("events").has(SESSION_REVOKED))
                .filter(s -> sessionId.equals(s.sessionId())).toList();
    }

    /**
     * Reads what is queued now, acknowledging what the previous poll read (as RFC 8936 has it); the number of events
     * read.
     */
    public synchronized int poll() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ack", List.copyOf(toAcknowledge));
        body.put("maxEvents", 100);
        body.put("returnImmediately", true);
        Http.Reply reply = Http.postJson(pollUrl, body, "Authorization", token(realm));
        if (reply.status() != 200) {
            throw new AssertionError("Poll failed: " + reply);
        }
        toAcknowledge.clear();
        Instant now = Instant.now();
        reply.json().path("sets").fields().forEachRemaining(e -> {
            received.add(verify(e.getKey(), e.getValue().asText(), now));
            toAcknowledge.add(e.getKey());
        });
        return reply.json().path("sets").size();
    }

    private Set verify(String jti, String compact, Instant receivedAt) {
        if (received.stream().anyMatch(s -> s.jti().equals(jti))) {
            throw new AssertionError("The event " + jti + " was delivered again after it was acknowledged");
        }
        String[] parts = compact.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("Not a compact JWS: " + compact);
        }
        JsonNode header = Tokens.part(compact, 0);
        JsonNode claims = Tokens.part(compact, 1);
        if (!"RS256".equals(header.path("alg").asText()) || !"secevent+jwt".equals(header.path("typ").asText())) {
            throw new AssertionError("Unexpected header: " + header);
        }
        PublicKey key = keys.get(header.path("kid").asText());
        if (key == null) {
            throw new AssertionError("Signed with a key the realm does not publish: " + header);
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new AssertionError("Bad signature on event " + jti);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        if (!jti.equals(claims.path("jti").asText()) || !realm.url("").equals(claims.path("iss").asText())
                || !(CLIENT_ID + "/" + streamId).equals(claims.path("aud").asText())) {
            throw new AssertionError("Event not for this stream, or from another issuer: " + claims);
        }
        return new Set(jti, header, claims, receivedAt);
    }

    private static String token(TestRealm realm) {
        return Tokens.of(Http.postForm(realm.url("/protocol/openid-connect/token"), Map.of(
                "grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", SECRET,
                "scope", "ssf.read ssf.manage"))).bearer();
    }

    private static Map<String, PublicKey> keys(JsonNode jwks) {
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonNode jwk : jwks.path("keys")) {
            if ("RSA".equals(jwk.path("kty").asText()) && !"enc".equals(jwk.path("use").asText())) {
                try {
                    keys.put(jwk.get("kid").asText(), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                            new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n").asText())),
                            new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e").asText())))));
                } catch (java.security.GeneralSecurityException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return keys;
    }
}
