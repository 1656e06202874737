package io.tutti.profiles;

import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.ServiceHealthContract;
import io.tutti.profiles.testing.ProfilesTest;

@QuarkusTest
@ProfilesTest
class HealthTest extends ServiceHealthContract {}
