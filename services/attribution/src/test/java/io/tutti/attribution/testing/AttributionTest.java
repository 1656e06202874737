package io.tutti.attribution.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The real PostgreSQL database and RabbitMQ vhost every attribution test class shares; one
 * configuration, so Quarkus starts once for all of them. Tests isolate themselves by working in a
 * workspace of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = AttributionTest.DATABASE),
      @ResourceArg(name = "vhost", value = AttributionTest.VHOST)
    })
public @interface AttributionTest {
  String DATABASE = "tutti_attribution_test";
  String VHOST = "tutti-test-attribution";
}
