package io.github.kcsessions.alert;

import io.github.kcsessions.protocol.ExtensionInfo;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.List;
import java.util.Map;

/**
 * The "new sign-in" email, for the realms that ask for it: a realm turns it on by adding {@value #ID} to its event
 * listeners (Realm settings, Events), and needs its SMTP settings (docs/new-device-email.md). Not global, so a realm
 * that does not add it gets nothing.
 *
 * <p>SPI option: {@code --spi-events-listener-new-device-email-link-lifespan=<seconds>}, how long a "This wasn't me"
 * link works unless the realm overrides it with the attribute
 * {@code actionTokenGeneratedByUserLifespan.kcs-end-session}.
 */
public class NewDeviceEmailListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "new-device-email";
    public static final String LINK_LIFESPAN = "link-lifespan";
    public static final int DEFAULT_LINK_LIFESPAN = 7 * 24 * 3600;

    private int linkLifespan = DEFAULT_LINK_LIFESPAN;
    private KeycloakSessionFactory sessionFactory;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new NewDeviceEmailListener(session, sessionFactory, linkLifespan);
    }

    @Override
    public void init(Config.Scope config) {
        linkLifespan = Math.max(60, config.getInt(LINK_LIFESPAN, DEFAULT_LINK_LIFESPAN));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.sessionFactory = factory;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(LINK_LIFESPAN).type("int")
                .helpText("Seconds a \"This wasn't me\" link works; a realm can override it with the attribute "
                        + "actionTokenGeneratedByUserLifespan." + EndSessionToken.TOKEN_TYPE)
                .defaultValue(DEFAULT_LINK_LIFESPAN).add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionInfo.VERSION, "linkLifespan", String.valueOf(linkLifespan));
    }
}
