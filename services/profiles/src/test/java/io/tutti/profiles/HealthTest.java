package io.tutti.profiles;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.ServiceHealthContract;
import io.tutti.events.testing.TuttiTestInfrastructure;

@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "tutti_profiles_test"),
      @ResourceArg(name = "vhost", value = "tutti-test-profiles")
    })
class HealthTest extends ServiceHealthContract {}
