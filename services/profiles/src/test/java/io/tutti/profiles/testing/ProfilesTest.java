package io.tutti.profiles.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The real PostgreSQL database and RabbitMQ vhost every profiles test class shares, and the fakes
 * of conversations' and attribution's APIs; one configuration, so Quarkus starts once for all of
 * them. Tests isolate themselves by making their own customers (random ids, numbers and names).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = ProfilesTest.DATABASE),
      @ResourceArg(name = "vhost", value = ProfilesTest.VHOST)
    })
@QuarkusTestResource(FakeConversations.class)
@QuarkusTestResource(FakeAttribution.class)
public @interface ProfilesTest {
  String DATABASE = "tutti_profiles_test";
  String VHOST = "tutti-test-profiles";
}
