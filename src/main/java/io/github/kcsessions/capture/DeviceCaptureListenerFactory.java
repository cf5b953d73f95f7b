package io.github.kcsessions.capture;

import io.github.kcsessions.device.ClientHints;
import io.github.kcsessions.device.DeviceParser;
import io.github.kcsessions.geo.GeoIpLookup;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * Records the device behind every user session, in every realm: the factory is global, so no realm has to add it to
 * its event listeners. Configuration (Keycloak SPI options):
 * {@code --spi-events-listener-device-capture-geoip-database=/path/to/GeoLite2-City.mmdb}.
 */
public class DeviceCaptureListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "device-capture";
    public static final String GEOIP_DATABASE = "geoip-database";

    private static final Logger LOG = Logger.getLogger(DeviceCaptureListenerFactory.class);
    private static final String WARM_UP_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private DeviceParser parser;
    private GeoIpLookup geoIp = GeoIpLookup.DISABLED;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new DeviceCaptureListener(session, parser, geoIp);
    }

    @Override
    public void init(Config.Scope config) {
        parser = new DeviceParser();
        // Opened once, memory-mapped, and shared by every request.
        geoIp = GeoIpLookup.open(config.get(GEOIP_DATABASE));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // The parser compiles its few hundred rules on first use (about 0.4 s here): at start, not in a user's login.
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
                .build();
    }
}
