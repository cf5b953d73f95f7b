package io.github.kcsessions.revocation;

import io.github.kcsessions.protocol.ExtensionInfo;
import io.github.kcsessions.sessions.Tombstones;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.UserSessionProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.List;
import java.util.Map;

/**
 * Makes every sign-out final, Keycloak's own included (docs/design.md, "Every sign-out is final"): the global listener
 * that records tombstones for Keycloak's own routes, and the home of the switch for the whole mechanism,
 * {@code --spi-events-listener--session-endings--enforce-tombstones} (default true).
 */
public class KeycloakSignOutsFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "session-endings";
    public static final String ENFORCE = "enforce-tombstones";

    private static final Logger LOG = Logger.getLogger(KeycloakSignOutsFactory.class);
    private String cacheMode = "unknown";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new KeycloakSignOuts(session);
    }

    @Override
    public void init(Config.Scope config) {
        Tombstones.enforceByDefault(config.getBoolean(ENFORCE, true));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        cacheMode = sessionCacheMode(factory);
        if (!Tombstones.enforcedByDefault()) {
            LOG.warnf("Sign-outs are not made final (%s=false): a session that Keycloak puts back into its cache while "
                    + "ending it stays usable (Keycloak issue 51127)", ENFORCE);
        } else if ("true".equals(cacheMode)) {
            LOG.infof("User sessions are kept in Keycloak's caches and its database: every sign-out leaves a tombstone, "
                    + "so that a session put back into a cache while it ends is refused (Keycloak issue 51127)");
        } else if ("false".equals(cacheMode)) {
            LOG.infof("User sessions are read from Keycloak's database without caches: no sign-out can be undone by "
                    + "a cache; tombstones are kept all the same");
        }
    }

    /** What Keycloak's session provider says about its caches ({@code useCaches}), as its server info shows it. */
    private static String sessionCacheMode(KeycloakSessionFactory factory) {
        ProviderFactory<?> sessions = factory.getProviderFactory(UserSessionProvider.class, "infinispan");
        if (sessions instanceof ServerInfoAwareProviderFactory info) {
            return String.valueOf(info.getOperationalInfo().getOrDefault("useCaches", "unknown"));
        }
        return "unknown";
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(ENFORCE).type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(true)
                .helpText("Whether every sign-out leaves a tombstone that refuses the ended session wherever Keycloak "
                        + "put it back into its cache. A realm can turn it off with the attribute "
                        + Tombstones.REALM_SWITCH + "=false.")
                .add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionInfo.VERSION,
                ENFORCE, String.valueOf(Tombstones.enforcedByDefault()),
                "sessionCaches", cacheMode);
    }
}
