package io.github.kcsessions.storage;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

import java.util.List;

/**
 * The extension's own tables, created and migrated by Keycloak itself, at start, on every database it supports, from
 * the Liquibase changelog {@value #CHANGELOG} (recorded in {@code DATABASECHANGELOG_KCS_SESSIO}). Keycloak's build adds
 * the entities of provider jars to its persistence unit by itself. Stateless, so the factory is its own provider.
 */
public class ExtensionTablesFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String ID = "kcs-sessions";
    private static final Logger LOG = Logger.getLogger(ExtensionTablesFactory.class);
    static final String CHANGELOG = "META-INF/kcs-changelog.xml";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(DeviceSessionEntity.class, DeviceSessionClientEntity.class, KnownDeviceEntity.class,
                MigrationEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            try {
                if (event instanceof PostMigrationEvent) {
                    startUpkeep(factory);
                } else if (event instanceof UserModel.UserRemovedEvent removed) {
                    new DeviceSessions(removed.getKeycloakSession()).deleteUser(removed.getRealm().getId(),
                            removed.getUser().getId());
                    new KnownDeviceStore(removed.getKeycloakSession()).deleteUser(removed.getUser().getId());
                } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                    new DeviceSessions(removed.getKeycloakSession()).deleteRealm(removed.getRealm().getId());
                    new KnownDeviceStore(removed.getKeycloakSession()).deleteRealm(removed.getRealm().getId());
                } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
                    new DeviceSessions(removed.getKeycloakSession()).deleteClient(removed.getClient().getRealm().getId(),
                            removed.getClient().getId());
                }
            } catch (RuntimeException e) {
                // Never in the way of Keycloak's own work: what is left behind, the sweep and the page checks handle.
                LOG.warnf(e, "Could not update the extension's tables after %s", event.getClass().getSimpleName());
            }
        });
    }

    /** The periodic sweep, on one node per interval, and the one-time back-fill, off the start-up thread. */
    private static void startUpkeep(KeycloakSessionFactory factory) {
        try (KeycloakSession session = factory.create()) {
            StaleRowSweep sweep = new StaleRowSweep();
            session.getProvider(TimerProvider.class).schedule(new ClusterAwareScheduledTaskRunner(factory, sweep,
                    StaleRowSweep.INTERVAL_MILLIS), StaleRowSweep.INTERVAL_MILLIS, sweep.getTaskName());
            session.getProvider(ExecutorsProvider.class).getExecutor("kcs-backfill").execute(new Backfill(factory));
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    /**
     * Deletes the rows of sessions ended by a route that names none (bulk deletions, a node that died before its
     * after-commit step): pages never show them, but counts do. Recent rows stay: their commit may not be visible yet.
     */
    private static final class StaleRowSweep implements ScheduledTask {

        static final long INTERVAL_MILLIS = 15 * 60 * 1000L;
        private static final int GRACE_SECONDS = 300;

        @Override
        public void run(KeycloakSession session) {
            new DeviceSessions(session).deleteEndedBefore(Time.currentTime() - GRACE_SECONDS);
        }

        @Override
        public String getTaskName() {
            return "kcs-stale-device-rows";
        }
    }
}
