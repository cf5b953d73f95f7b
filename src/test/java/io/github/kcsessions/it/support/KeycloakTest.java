package io.github.kcsessions.it.support;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An integration test against a real Keycloak shared by the run; one instance per class, so the class can own a realm.
 * A subclass may name another topology to run the same tests there.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public @interface KeycloakTest {

    Topology value() default Topology.SINGLE_NODE;

    enum Topology {
        /** One {@code start-dev} node on H2: the quick suite. */
        SINGLE_NODE,
        /** Two production-mode nodes on PostgreSQL; tests talk to node A unless they choose a node. */
        CLUSTER
    }
}
