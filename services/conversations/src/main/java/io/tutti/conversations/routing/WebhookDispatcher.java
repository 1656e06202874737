package io.tutti.conversations.routing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.activity.ActivityLog;
import io.tutti.conversations.conversation.ConversationRepository;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Sends the webhooks rules fired, after the transaction that fired them committed: a delivery is a
 * row written with the rule's other effects, and this job claims due rows ({@code SKIP LOCKED}, so
 * replicas share the work), posts each outside any transaction with a timeout, and records the
 * outcome. A refused or unanswered delivery is retried with exponential backoff; after the last
 * attempt it is given up, logged, and recorded in the conversation's activity. Delivery is at least
 * once: receivers deduplicate on the {@code X-Tutti-Delivery} header.
 */
@ApplicationScoped
public class WebhookDispatcher {

  private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

  /** Deliveries of one pass sent at the same time. */
  private static final int CONCURRENCY = 8;

  private final WebhookDeliveryRepository deliveries;
  private final ConversationRepository conversations;
  private final ActivityLog activity;
  private final RoutingConfig config;
  private final WebClient client;

  public WebhookDispatcher(
      WebhookDeliveryRepository deliveries,
      ConversationRepository conversations,
      ActivityLog activity,
      RoutingConfig config,
      Vertx vertx) {
    this.deliveries = deliveries;
    this.conversations = conversations;
    this.activity = activity;
    this.config = config;
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent("Tutti-Webhooks")
                .setConnectTimeout((int) config.webhookTimeout().toMillis())
                .setFollowRedirects(false));
  }

  @PreDestroy
  void close() {
    client.close();
  }

  @Scheduled(
      identity = "conversations-routing-webhooks",
      every = "${tutti.routing.webhook-poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> sendDue() {
    return sendBatch()
        .invoke(sent -> LOG.debugf("sent %d webhook deliveries", sent))
        .onFailure()
        .invoke(failure -> LOG.errorf(failure, "webhook pass failed"))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Sends one batch of due deliveries; answers how many were attempted. */
  public Uni<Integer> sendBatch() {
    Instant now = now();
    // The claim outlives the slowest request, so a row is never sent twice at once.
    Instant lease = now.plus(config.webhookTimeout().multipliedBy(2)).plusSeconds(30);
    // Answers arrive on the HTTP client's context; the outcomes are written from this one, whose
    // database session this pass uses.
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    return Panache.withTransaction(() -> deliveries.claimDue(now, lease, config.webhookBatchSize()))
        .chain(
            claimed ->
                Multi.createFrom()
                    .iterable(claimed)
                    .onItem()
                    .transformToUni(
                        delivery -> send(delivery).map(error -> new Outcome(delivery, error)))
                    .merge(CONCURRENCY)
                    .collect()
                    .asList())
        .emitOn(task -> onContext(context, task))
        .chain(
            outcomes ->
                outcomes.isEmpty()
                    ? Uni.createFrom().item(0)
                    : Panache.withTransaction(
                        () ->
                            Multi.createFrom()
                                .iterable(outcomes)
                                .onItem()
                                .transformToUniAndConcatenate(this::record)
                                .collect()
                                .asList()
                                .map(List::size)));
  }

  /** What one attempt came to: null when the receiver took it, else why not. */
  private record Outcome(WebhookDelivery delivery, String error) {}

  private static void onContext(io.vertx.core.Context context, Runnable task) {
    if (context == null || context == io.vertx.core.Vertx.currentContext()) {
      task.run();
    } else {
      context.runOnContext(ignored -> task.run());
    }
  }

  /** Posts the delivery; answers null when the receiver took it, else why not. */
  private Uni<String> send(WebhookDelivery delivery) {
    long timeout = config.webhookTimeout().toMillis();
    return client
        .postAbs(delivery.url)
        .timeout(timeout)
        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
        .putHeader("X-Tutti-Delivery", delivery.id.toString())
        .putHeader("X-Tutti-Rule", delivery.ruleId.toString())
        .sendBuffer(Buffer.buffer(delivery.payload))
        .ifNoItem()
        .after(Duration.ofMillis(timeout + 500))
        .failWith(() -> new IllegalStateException("no answer within " + timeout + " ms"))
        .map(
            response ->
                response.statusCode() >= 200 && response.statusCode() < 300
                    ? null
                    : "answered HTTP " + response.statusCode())
        .onFailure()
        .recoverWithItem(
            failure ->
                failure.getMessage() == null
                    ? failure.getClass().getSimpleName()
                    : failure.getMessage());
  }

  private Uni<Void> record(Outcome outcome) {
    Instant now = now();
    String error = outcome.error();
    return deliveries
        .findById(outcome.delivery().id)
        .chain(
            delivery -> {
              if (delivery == null || !WebhookDelivery.PENDING.equals(delivery.status)) {
                // The conversation was erased meanwhile, its deliveries with it.
                return Uni.createFrom().voidItem();
              }
              delivery.attempts++;
              if (error == null) {
                delivery.status = WebhookDelivery.DELIVERED;
                delivery.lastError = null;
                delivery.finishedAt = now;
                return Uni.createFrom().voidItem();
              }
              delivery.lastError = clip(error);
              LOG.warnf(
                  "webhook %s of rule '%s' to %s failed, attempt %d of %d: %s",
                  delivery.id,
                  delivery.ruleName,
                  redacted(delivery.url),
                  delivery.attempts,
                  config.webhookMaxAttempts(),
                  delivery.lastError);
              if (delivery.attempts < config.webhookMaxAttempts()) {
                delivery.nextAttemptAt = now.plus(backoff(delivery.attempts));
                return Uni.createFrom().voidItem();
              }
              delivery.status = WebhookDelivery.FAILED;
              delivery.finishedAt = now;
              return giveUp(delivery, now);
            });
  }

  private Uni<Void> giveUp(WebhookDelivery delivery, Instant now) {
    return conversations
        .findById(delivery.conversationId)
        .chain(
            conversation -> {
              if (conversation == null) {
                return Uni.createFrom().voidItem();
              }
              Map<String, Object> details = new LinkedHashMap<>();
              details.put("ruleId", delivery.ruleId.toString());
              details.put("ruleName", delivery.ruleName);
              details.put("deliveryId", delivery.id.toString());
              details.put("url", redacted(delivery.url));
              details.put("attempts", delivery.attempts);
              details.put("error", delivery.lastError);
              return activity.record(
                  conversation, Activity.WEBHOOK_FAILED, "rule:" + delivery.ruleId, details, now);
            });
  }

  private Duration backoff(int attempts) {
    long factor = 1L << Math.min(attempts - 1, 20);
    Duration delay = config.webhookInitialBackoff().multipliedBy(factor);
    return delay.compareTo(config.webhookMaxBackoff()) > 0 ? config.webhookMaxBackoff() : delay;
  }

  /** The URL without its query: a token there is not for logs or for agents to read. */
  static String redacted(String url) {
    try {
      URI uri = new URI(url);
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString();
    } catch (Exception e) {
      return "(unreadable URL)";
    }
  }

  private static String clip(String error) {
    return error.length() > 1000 ? error.substring(0, 1000) : error;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
