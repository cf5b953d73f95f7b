package io.github.kcsessions.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One user session as this API shows it, in whoami, in the lists and in the admin API. Built only by
 * {@link SessionViews}. Absent fields are omitted, except {@code device} and {@code location}, which are null when
 * nothing is known so that clients can rely on the key; so is {@code initialLocation}, where {@code initialIpAddress}
 * is.
 *
 * @param active always true: only sessions Keycloak still holds as live are ever shown (an ended or expired session
 *               is a 404, or absent from lists); kept so that a client can test the field rather than the status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionRepresentation(
        String id,
        String userId,
        String username,
        IdentityRepresentation identity,
        boolean active,
        boolean current,
        boolean offline,
        boolean rememberMe,
        String createdAt,
        String lastActivityAt,
        String expiresAt,
        String issuedAt,
        String ipAddress,
        String initialIpAddress,
        List<ClientRepresentation> clients,
        @JsonInclude(JsonInclude.Include.ALWAYS) SessionDeviceRepresentation device,
        @JsonInclude(JsonInclude.Include.ALWAYS) LocationRepresentation location,
        @JsonInclude(JsonInclude.Include.ALWAYS) LocationRepresentation initialLocation) {

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
