package io.github.kcsessions.alert;

import io.github.kcsessions.protocol.ExtensionInfo;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.urls.UrlType;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The "new sign-in" email, for the realms that add {@value #ID} to their event listeners and have SMTP settings
 * (docs/new-device-email.md). Not global, so a realm that does not add it gets nothing.
 */
public class NewDeviceEmailListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "new-device-email";
    public static final String LINK_LIFESPAN = "link-lifespan";
    public static final int DEFAULT_LINK_LIFESPAN = 7 * 24 * 3600;
    static final String EXECUTOR = "kcs-new-device-email";
    private static final Logger LOG = Logger.getLogger(NewDeviceEmailListenerFactory.class);

    private int linkLifespan = DEFAULT_LINK_LIFESPAN;
    private KeycloakSessionFactory sessionFactory;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new NewDeviceEmailListener(session);
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

    /**
     * Hands every sign-in to a {@link NewDeviceCheck} on an executor thread after the sign-in has committed: the
     * sign-in never waits for the check, the database or the mail server, and nothing the check does can fail it.
     */
    private final class NewDeviceEmailListener implements EventListenerProvider {

        private final KeycloakSession session;

        NewDeviceEmailListener(KeycloakSession session) {
            this.session = session;
        }

        @Override
        public void onEvent(Event event) {
            if (event.getType() != EventType.LOGIN || event.getSessionId() == null || event.getUserId() == null
                    || session.getContext().getUri() == null) {
                return;
            }
            // The address the user reached the server at: the links in the email must lead to the same place.
            URI baseUri = session.getContext().getUri(UrlType.FRONTEND).getBaseUri();
            NewDeviceCheck check = new NewDeviceCheck(event.getRealmId(), event.getUserId(), event.getSessionId(),
                    event.getClientId(), event.getTime(), baseUri, linkLifespan);
            ExecutorService executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    // Runs on the request thread after the commit: whatever happens here must not fail the sign-in.
                    try {
                        executor.execute(() -> check.run(sessionFactory));
                    } catch (RuntimeException e) {
                        LOG.warnf("New-device check of session %s skipped: %s", check.sessionId(), e.getMessage());
                    }
                }

                @Override
                protected void rollbackImpl() {
                    // The sign-in did not happen: nothing to check.
                }
            });
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
        }

        @Override
        public void close() {
        }
    }
}
