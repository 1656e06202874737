package io.tutti.profiles.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The services holding the rest of a person's data, as the export reaches them while an admin
 * waits: as the timeline reaches conversations (one retry of a fault, a circuit breaker per service
 * that stops asking for ten seconds once half of the last twenty tries failed; a refusal is neither
 * retried nor counted), but three seconds per try, since an export reads the person's whole history
 * and not one page of it.
 */
@ApplicationScoped
public class ExportSources {

  static final String CONVERSATIONS = "conversations";
  static final String ATTRIBUTION = "attribution";

  private final ConversationsExportClient conversations;
  private final AttributionExportClient attribution;

  public ExportSources(
      @RestClient ConversationsExportClient conversations,
      @RestClient AttributionExportClient attribution) {
    this.conversations = conversations;
    this.attribution = attribution;
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 100, abortOn = Refused.class)
  @CircuitBreaker(
      requestVolumeThreshold = 20,
      failureRatio = 0.5,
      delay = 10,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = Refused.class)
  public Uni<JsonNode> conversations(String contactId, String authorization) {
    return conversations.export(contactId, authorization);
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 100, abortOn = Refused.class)
  @CircuitBreaker(
      requestVolumeThreshold = 20,
      failureRatio = 0.5,
      delay = 10,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = Refused.class)
  public Uni<JsonNode> attribution(String contactId, String authorization) {
    return attribution.export(contactId, authorization);
  }

  /** A service's error answer: its own fault (5xx) is worth a retry, a refusal is final. */
  static RuntimeException failure(String source, int status) {
    return status >= 500
        ? new Unavailable(source + " answered " + status)
        : new Refused(source, status);
  }

  /** The service failed on its side (5xx). */
  public static class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  /** The service refused the request (4xx), e.g. the caller's token is not good for it. */
  public static class Refused extends RuntimeException {
    private final int status;

    public Refused(String source, int status) {
      super(source + " refused with " + status, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
