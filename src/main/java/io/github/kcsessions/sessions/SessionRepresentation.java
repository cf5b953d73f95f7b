package io.github.kcsessions.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One user session as this API shows it, in whoami, in the lists and in the admin API; built only by
 * {@link SessionViews}. Absent fields are omitted, except the device and the locations, null when unknown so that
 * clients can rely on the keys. {@code state} is always "active" (an ended session is a 410 or 404, or absent from
 * lists), a string so that states may be added; {@code issuedAt} and {@code tokenExpiresAt} are those of the caller's
 * access token, in whoami.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionRepresentation(
        String id,
        String userId,
        String username,
        IdentityRepresentation identity,
        String state,
        boolean current,
        boolean offline,
        boolean rememberMe,
        String createdAt,
        String lastActivityAt,
        String expiresAt,
        String issuedAt,
        String tokenExpiresAt,
        String ipAddress,
        String initialIpAddress,
        List<ClientRepresentation> clients,
        @JsonInclude(JsonInclude.Include.ALWAYS) SessionDeviceRepresentation device,
        @JsonInclude(JsonInclude.Include.ALWAYS) LocationRepresentation location,
        @JsonInclude(JsonInclude.Include.ALWAYS) LocationRepresentation initialLocation) {

    public static final String ACTIVE = "active";

    /** The signed-in person behind the session: only in whoami, where the caller asks who they are. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IdentityRepresentation(String id, String username, String displayName, String email) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClientRepresentation(String clientId, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocationRepresentation(String countryCode, String country, String region, String city) {
    }
}
