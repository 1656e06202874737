package io.tutti.conversations;

import io.quarkus.test.junit.QuarkusTest;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.events.testing.ServiceHealthContract;

@QuarkusTest
@ConversationsTest
class HealthTest extends ServiceHealthContract {}
