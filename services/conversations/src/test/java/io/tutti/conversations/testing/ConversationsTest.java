package io.tutti.conversations.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The real PostgreSQL database and RabbitMQ vhost every conversations test class shares; one
 * configuration, so Quarkus starts once for all of them. Tests isolate themselves by working in a
 * workspace of their own and reading only its events.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = ConversationsTest.DATABASE),
      @ResourceArg(name = "vhost", value = ConversationsTest.VHOST)
    })
public @interface ConversationsTest {
  String DATABASE = "tutti_conversations_test";
  String VHOST = "tutti-test-conversations";
}
