package io.github.kcsessions.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;
import org.keycloak.provider.ProviderEvent;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The browser origins that some enabled client of a realm lists as a Web Origin, per realm. Requests without a token
 * (preflights, 401s, revocation by token) are answered with CORS headers only for these; computing them walks every
 * client of the realm, so the result is kept: an unauthenticated flood costs a map lookup per request, not a walk.
 *
 * <p>A client created, changed or removed on this node forgets its realm's entry at once. On other nodes of a cluster
 * the change is seen when the entry expires, after {@link #TIME_TO_LIVE} at most: Keycloak tells other nodes about
 * client changes through its own cache invalidations, which an extension cannot listen to.
 */
final class RealmWebOrigins {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(1);
    private static final int MAX_REALMS = 1_000;
    private static final String ANY_ORIGIN = "*";

    private final Cache<String, Set<String>> byRealm = Caffeine.newBuilder()
            .maximumSize(MAX_REALMS)
            .expireAfterWrite(TIME_TO_LIVE)
            .build();

    boolean allows(KeycloakSession session, RealmModel realm, String origin) {
        Set<String> origins = byRealm.get(realm.getId(), id -> collect(session, realm));
        return origins.contains(origin) || origins.contains(ANY_ORIGIN);
    }

    void onEvent(ProviderEvent event) {
        if (event instanceof ClientModel.ClientCreationEvent created) {
            byRealm.invalidate(created.getCreatedClient().getRealm().getId());
        } else if (event instanceof ClientModel.ClientUpdatedEvent updated) {
            byRealm.invalidate(updated.getUpdatedClient().getRealm().getId());
        } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
            byRealm.invalidate(removed.getClient().getRealm().getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent realmRemoved) {
            byRealm.invalidate(realmRemoved.getRealm().getId());
        }
    }

    private static Set<String> collect(KeycloakSession session, RealmModel realm) {
        Set<String> origins = new HashSet<>();
        realm.getClientsStream()
                .filter(client -> client.isEnabled() && !client.isBearerOnly())
                .forEach(client -> origins.addAll(WebOriginsUtils.resolveValidWebOrigins(session, client)));
        return Set.copyOf(origins);
    }
}
