package io.github.kcsessions.capture;

import io.github.kcsessions.device.ClientHints;
import io.github.kcsessions.device.DeviceParser;
import io.github.kcsessions.geo.GeoIpLookup;
import io.github.kcsessions.metrics.SessionMetrics;
import io.github.kcsessions.protocol.ExtensionInfo;
import org.jboss.logging.Logger;
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
 * Records the device behind every user session, in every realm: the factory is global, so no realm has to add it to
 * its event listeners. Configuration (Keycloak SPI options, docs/configuration.md):
 * {@code --spi-events-listener-device-capture-geoip-database=/path/to/GeoLite2-City.mmdb} and
 * {@code --spi-events-listener-device-capture-user-agent-cache-size=2048}.
 */
public class DeviceCaptureListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "device-capture";
    public static final String GEOIP_DATABASE = "geoip-database";
    public static final String USER_AGENT_CACHE_SIZE = "user-agent-cache-size";
    /** For measuring what the device table costs: off, searches miss what is not written. */
    public static final String WRITE_DEVICE_TABLE = "write-device-table";

    private static final Logger LOG = Logger.getLogger(DeviceCaptureListenerFactory.class);
    private static final String WARM_UP_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private DeviceParser parser;
    private int userAgentCacheSize;
    private GeoIpLookup geoIp = GeoIpLookup.DISABLED;
    private final SessionActivity activity = new SessionActivity();
    private boolean writeTable = true;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new DeviceCaptureListener(session, parser, geoIp, activity, writeTable);
    }

    @Override
    public void init(Config.Scope config) {
        userAgentCacheSize = Math.max(0, config.getInt(USER_AGENT_CACHE_SIZE, DeviceParser.DEFAULT_CACHE_SIZE));
        parser = new DeviceParser(userAgentCacheSize);
        // Opened once, memory-mapped, and shared by every request.
        geoIp = GeoIpLookup.open(config.get(GEOIP_DATABASE));
        SessionMetrics.geoIpBuilt(geoIp.builtAt());
        writeTable = config.getBoolean(WRITE_DEVICE_TABLE, true);
        if (!writeTable) {
            LOG.warnf("The device table is not written (%s=false): admin searches and session lists miss what happens "
                    + "from now on. For measurements only.", WRITE_DEVICE_TABLE);
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // The parser compiles its few hundred rules on first use: at start, not in a user's login.
        try {
            parser.parse(WARM_UP_USER_AGENT, ClientHints.NONE);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not prepare the user-agent parser; the first login will");
        }
    }

    @Override
    public void close() {
        geoIp.close();
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
                .property()
                .name(GEOIP_DATABASE)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Path of a MaxMind DB City database (GeoLite2-City, GeoIP2-City or DB-IP City) used to "
                        + "locate session addresses. Without it, sessions have no location.")
                .add()
                .property()
                .name(USER_AGENT_CACHE_SIZE)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DeviceParser.DEFAULT_CACHE_SIZE)
                .helpText("How many distinct user agents to keep parsed in memory (a few hundred bytes each).")
                .add()
                .property()
                .name(WRITE_DEVICE_TABLE)
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(true)
                .helpText("For measuring what the device table costs only: false stops writing it, and searches and "
                        + "lists then miss the sessions not written.")
                .add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionInfo.VERSION,
                "geoipDatabase", geoIp.description(),
                "userAgentCacheSize", String.valueOf(userAgentCacheSize));
    }
}
