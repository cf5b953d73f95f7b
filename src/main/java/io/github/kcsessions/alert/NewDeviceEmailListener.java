package io.github.kcsessions.alert;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.urls.UrlType;

import java.net.URI;
import java.util.concurrent.ExecutorService;

/**
 * Hands every successful sign-in of the realm to a {@link NewDeviceCheck}, which runs after the sign-in's transaction
 * has committed, on an executor thread: the sign-in never waits for the check, the database or the mail server, and
 * nothing the check does can fail it. In the request itself this only records a few ids and the server's address.
 */
final class NewDeviceEmailListener implements EventListenerProvider {

    static final String EXECUTOR = "kcs-new-device-email";
    private static final Logger LOG = Logger.getLogger(NewDeviceEmailListener.class);

    private final KeycloakSession session;
    private final KeycloakSessionFactory sessionFactory;
    private final int linkLifespan;

    NewDeviceEmailListener(KeycloakSession session, KeycloakSessionFactory sessionFactory, int linkLifespan) {
        this.session = session;
        this.sessionFactory = sessionFactory;
        this.linkLifespan = linkLifespan;
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
