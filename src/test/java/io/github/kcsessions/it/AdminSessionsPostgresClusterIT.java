package io.github.kcsessions.it;

import io.github.kcsessions.it.support.KeycloakTest;

/**
 * The admin API's tests again, on the cluster's PostgreSQL: every search is JPQL on the device table, which must hold
 * on the database production runs, not only on H2.
 */
@KeycloakTest(KeycloakTest.Topology.CLUSTER)
class AdminSessionsPostgresClusterIT extends AdminSessionsIT {
}
