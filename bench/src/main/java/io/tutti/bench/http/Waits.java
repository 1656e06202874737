package io.tutti.bench.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Waiting for the running system to reach a state, checked on a scheduler, never in a sleep loop.
 */
public final class Waits {

  private static final long CHECK_EVERY_MILLIS = 250;

  private Waits() {}

  /**
   * Checks the condition every 250 ms until it holds (true) or the time is up (false). A check that
   * throws counts as not yet: a server in the middle of a restart answers again at a later tick.
   */
  public static boolean until(BooleanSupplier condition, Duration limit) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor();
    checker.scheduleWithFixedDelay(
        () -> {
          try {
            if (condition.getAsBoolean()) {
              done.complete(null);
            }
          } catch (RuntimeException notYet) {
            // asked again at the next tick
          }
        },
        0,
        CHECK_EVERY_MILLIS,
        TimeUnit.MILLISECONDS);
    try {
      done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      checker.shutdownNow();
    }
  }
}
