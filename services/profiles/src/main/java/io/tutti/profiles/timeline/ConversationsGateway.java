package io.tutti.profiles.timeline;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Conversations as the timeline reaches it, while an agent waits: a second at most per try, one
 * retry of a fault, and a circuit breaker that stops asking for ten seconds once half of the last
 * twenty tries failed. A refusal (the caller may not see them) is neither retried nor counted.
 */
@ApplicationScoped
public class ConversationsGateway {

  private final ConversationsClient client;

  public ConversationsGateway(@RestClient ConversationsClient client) {
    this.client = client;
  }

  @Timeout(value = 1, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 100, abortOn = Refused.class)
  @CircuitBreaker(
      requestVolumeThreshold = 20,
      failureRatio = 0.5,
      delay = 10,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = Refused.class)
  public Uni<ConversationsClient.ConversationPage> page(
      String contactId, String cursor, int limit, String authorization) {
    return client.conversations(contactId, cursor, limit, authorization);
  }

  /** Conversations failed on its side (5xx). */
  public static class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  /** Conversations refused the request (4xx), e.g. the caller's token is not good for it. */
  public static class Refused extends RuntimeException {
    private final int status;

    public Refused(int status) {
      super("conversations refused with " + status, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
