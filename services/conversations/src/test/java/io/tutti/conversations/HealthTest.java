package io.tutti.conversations;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.ServiceHealthContract;
import io.tutti.events.testing.TuttiTestInfrastructure;

@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "tutti_conversations_test"),
      @ResourceArg(name = "vhost", value = "tutti-test-conversations")
    })
class HealthTest extends ServiceHealthContract {}
