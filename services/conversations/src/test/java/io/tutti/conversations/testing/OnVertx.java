package io.tutti.conversations.testing;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Runs reactive work of the service (a scheduler pass, a queue) from a test, and waits for it. */
public final class OnVertx {

  private OnVertx() {}

  public static <T> T await(Supplier<Uni<T>> work) {
    try {
      return VertxContextSupport.subscribeAndAwait(work);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
