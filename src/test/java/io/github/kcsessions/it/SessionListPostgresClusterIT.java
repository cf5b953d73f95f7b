package io.github.kcsessions.it;

import io.github.kcsessions.it.support.KeycloakTest;

/**
 * The self-service list's tests again, on the cluster's PostgreSQL: the list pages keys read with JPQL from Keycloak's
 * own session table, and that query must hold on the database production runs, not only on H2.
 */
@KeycloakTest(KeycloakTest.Topology.CLUSTER)
class SessionListPostgresClusterIT extends SessionListIT {
}
