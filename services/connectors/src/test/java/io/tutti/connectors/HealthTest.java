package io.tutti.connectors;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.ServiceHealthContract;
import io.tutti.events.testing.TuttiTestInfrastructure;

@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "tutti_connectors_test"),
      @ResourceArg(name = "vhost", value = "tutti-test-connectors")
    })
class HealthTest extends ServiceHealthContract {}
