package io.github.kcsessions.capture;

import io.github.kcsessions.device.DeviceParser;
import io.github.kcsessions.geo.GeoIpLookup;
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
