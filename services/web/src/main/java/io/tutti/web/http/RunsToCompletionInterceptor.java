package io.tutti.web.http;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Shields the {@code Uni} of a {@link RunsToCompletion} method from cancellation. Outermost of the
 * interceptors, so a {@code @WithTransaction} on the same method is inside the shield.
 */
@RunsToCompletion
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class RunsToCompletionInterceptor {

  @AroundInvoke
  Object shield(InvocationContext invocation) throws Exception {
    Object result = invocation.proceed();
    return result instanceof Uni<?> work ? toCompletion(work) : result;
  }

  /**
   * The same outcome as {@code work}, but cancelling it leaves {@code work} running to its end (on
   * the same Vert.x context, since it is subscribed where the caller subscribes).
   */
  static <T> Uni<T> toCompletion(Uni<T> work) {
    return Uni.createFrom()
        .emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
  }
}
