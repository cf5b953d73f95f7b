package io.github.kcsessions.it;

import io.github.kcsessions.it.support.KeycloakTest;

/** The device table's tests again, on the cluster's PostgreSQL, the database production runs. */
@KeycloakTest(KeycloakTest.Topology.CLUSTER)
class DeviceTablePostgresClusterIT extends DeviceTableIT {
}
