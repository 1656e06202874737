package io.tutti.connectors.outbound;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * Hibernate Reactive keeps a unit of work's session on the Vert.x context that opened it, and only
 * on its event loop. Platform answers, SMTP workers and WebSocket writes complete elsewhere; {@link
 * #resumeOn} brings what follows back.
 */
public final class Contexts {

  private Contexts() {}

  /** The caller's context, to resume on later; fails outside a Vert.x context. */
  public static Context current() {
    Context context = Vertx.currentContext();
    if (context == null) {
      throw new IllegalStateException("not on a Vert.x context");
    }
    return context;
  }

  /** An executor for {@code Uni.emitOn} that runs on {@code context}'s event loop. */
  public static Executor resumeOn(Context context) {
    return task -> {
      // A worker thread may carry the same context, but the session needs the event loop.
      if (Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
        task.run();
      } else {
        context.runOnContext(ignored -> task.run());
      }
    };
  }
}
