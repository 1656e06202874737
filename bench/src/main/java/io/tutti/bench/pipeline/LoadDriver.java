package io.tutti.bench.pipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends webhooks at a fixed rate whatever the answers take (an open model, as platforms send: a
 * slow answer delays nothing due after it). A webhook that would exceed {@code maxInFlight}
 * unanswered ones is not sent and counts as rejected: the system did not keep up.
 *
 * <p>With {@code retries} above 0 it also behaves as the platforms do when a webhook is not
 * answered 200: the same message goes again, up to that many times, after a backoff that doubles
 * from a second (1, 2, 4, 8 s…, each ±50 % at random so that a burst of failures does not come back
 * as one), so that a message the system took but could not confirm arrives twice and must be stored
 * once. Meta's and Telegram's webhooks back off like this; a fixed one-second retry would turn any
 * slowdown into a load that grows with it.
 */
final class LoadDriver implements AutoCloseable {

  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(15);

  private final HttpClient client;
  private final Webhooks webhooks;
  private final Ledger ledger;
  private final Semaphore inFlight;
  private final int retries;
  private final ScheduledExecutorService resender;
  private final AtomicInteger next = new AtomicInteger();
  private volatile boolean stopping;

  LoadDriver(HttpClient client, Webhooks webhooks, Ledger ledger, int maxInFlight) {
    this(client, webhooks, ledger, maxInFlight, 0);
  }

  LoadDriver(HttpClient client, Webhooks webhooks, Ledger ledger, int maxInFlight, int retries) {
    this.client = client;
    this.webhooks = webhooks;
    this.ledger = ledger;
    this.inFlight = new Semaphore(maxInFlight);
    this.retries = retries;
    this.resender = retries > 0 ? Executors.newSingleThreadScheduledExecutor() : null;
  }

  /**
   * Sends {@code rate × seconds} webhooks numbered from {@code firstSeq}, fewer when {@link #stop}
   * is called meanwhile; returns the count.
   */
  int run(int firstSeq, int rate, int seconds) {
    int count = (int) Math.min((long) rate * seconds, ledger.capacity() - firstSeq);
    long start = System.nanoTime();
    double interval = TimeUnit.SECONDS.toNanos(1) / (double) rate;
    int sent = 0;
    for (int i = 0; i < count && !stopping; i++) {
      long due = start + (long) (i * interval);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      next.set(firstSeq + i + 1);
      send(firstSeq + i);
      sent++;
    }
    return sent;
  }

  /** The sequence number the next webhook gets. */
  int nextSeq() {
    return next.get();
  }

  /** Ends a {@link #run} in progress after the webhook it is sending. */
  void stop() {
    stopping = true;
  }

  private void send(int seq) {
    if (!inFlight.tryAcquire()) {
      ledger.rejected.increment();
      return;
    }
    ledger.sentAt.set(seq, System.nanoTime());
    attempt(seq, 0);
  }

  private void attempt(int seq, int retried) {
    Webhooks.Request webhook = webhooks.message(seq);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(webhook.url()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", webhook.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    webhook.headers().forEach(request::header);
    client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        // The request timeout ends with the answer's headers; a body that never ends would hold
        // its permit for ever.
        .orTimeout(ANSWER_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (response, failure) -> {
              ledger.answered(failure == null ? "HTTP " + response.statusCode() : cause(failure));
              if (failure == null && response.statusCode() == 200) {
                ledger.acceptedAt.set(seq, System.nanoTime());
                inFlight.release();
              } else if (retried < retries) {
                ledger.resent.increment();
                resender.schedule(
                    () -> attempt(seq, retried + 1),
                    retryDelayMillis(retried),
                    TimeUnit.MILLISECONDS);
              } else {
                ledger.rejected.increment();
                inFlight.release();
              }
            });
  }

  /** The wait before retry number {@code retried + 1}: doubling from a second, ±50 %. */
  static long retryDelayMillis(int retried) {
    long base = FIRST_RETRY.toMillis() << Math.min(retried, 10);
    return (long) (base * ThreadLocalRandom.current().nextDouble(0.5, 1.5));
  }

  private static String cause(Throwable failure) {
    Throwable cause =
        failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause.getClass().getSimpleName();
  }

  /** Waits until every webhook sent has its answer (or timed out, retries included). */
  void awaitAnswers(int maxInFlight) {
    try {
      inFlight.acquire(maxInFlight);
      inFlight.release(maxInFlight);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    if (resender != null) {
      resender.shutdownNow();
    }
  }
}
