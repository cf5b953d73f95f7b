package io.github.kcsessions.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;

import java.net.URI;
import java.util.UUID;

/**
 * The "This wasn't me" link of a new-device email: a Keycloak action token, signed with the realm's keys, that expires,
 * is bound to one user and one of their sessions, and is used at most once (docs/new-device-email.md). It carries the
 * session id, never anything the user could not see on their own devices page.
 */
public class EndSessionToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "kcs-end-session";
    private static final String JSON_FIELD_SESSION_ID = "kcs_sid";

    @JsonProperty(JSON_FIELD_SESSION_ID)
    private String sessionId;

    public EndSessionToken(String userId, String sessionId, int absoluteExpirationInSecs) {
        super(userId, TOKEN_TYPE, absoluteExpirationInSecs, UUID.randomUUID());
        this.sessionId = sessionId;
    }

    /** For Jackson, when Keycloak reads a token back. */
    private EndSessionToken() {
    }

    public String getSessionId() {
        return sessionId;
    }

    /**
     * Signs the token as {@link #serialize(KeycloakSession, RealmModel, jakarta.ws.rs.core.UriInfo)} does, from a base
     * URI recorded earlier: the email is written after the sign-in request, when there is no request to ask.
     */
    public String serialize(KeycloakSession session, RealmModel realm, URI baseUri) {
        String issuer = Urls.realmIssuer(baseUri, realm.getName());
        id(UUID.randomUUID().toString()).issuedNow().issuer(issuer).audience(issuer);
        return session.tokens().encode(this);
    }
}
