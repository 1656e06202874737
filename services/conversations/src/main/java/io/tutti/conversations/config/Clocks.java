package io.tutti.conversations.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The time presence and the no-reply watch go by: a bean, so tests make minutes pass without
 * waiting for them.
 */
public class Clocks {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
