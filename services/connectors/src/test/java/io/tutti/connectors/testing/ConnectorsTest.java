package io.tutti.connectors.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The real PostgreSQL database and RabbitMQ vhost every connectors test class shares; one
 * configuration, so Quarkus starts once for all of them. Tests isolate themselves by creating their
 * own inboxes and reading only their own events. The platforms' APIs are {@link FakePlatforms}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = ConnectorsTest.DATABASE),
      @ResourceArg(name = "vhost", value = ConnectorsTest.VHOST)
    })
@QuarkusTestResource(FakePlatforms.class)
public @interface ConnectorsTest {
  String DATABASE = "tutti_connectors_test";
  String VHOST = "tutti-test-connectors";
}
