package io.tutti.bench.pipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends webhooks at a fixed rate whatever the answers take (an open model, as platforms send: a
 * slow answer delays nothing due after it). A webhook that would exceed {@code maxInFlight}
 * unanswered ones is not sent and counts as rejected: the system did not keep up.
 */
final class LoadDriver {

  private final HttpClient client;
  private final Webhooks webhooks;
  private final Ledger ledger;
  private final Semaphore inFlight;

  LoadDriver(HttpClient client, Webhooks webhooks, Ledger ledger, int maxInFlight) {
    this.client = client;
    this.webhooks = webhooks;
    this.ledger = ledger;
    this.inFlight = new Semaphore(maxInFlight);
  }

  /** Sends {@code rate × seconds} webhooks numbered from {@code firstSeq}; returns the count. */
  int run(int firstSeq, int rate, int seconds) {
    int count = Math.min(rate * seconds, ledger.capacity() - firstSeq);
    long start = System.nanoTime();
    double interval = TimeUnit.SECONDS.toNanos(1) / (double) rate;
    for (int i = 0; i < count; i++) {
      long due = start + (long) (i * interval);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      send(firstSeq + i);
    }
    return count;
  }

  private void send(int seq) {
    if (!inFlight.tryAcquire()) {
      ledger.rejected.increment();
      return;
    }
    Webhooks.Request webhook = webhooks.message(seq);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(webhook.url()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", webhook.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    webhook.headers().forEach(request::header);
    client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              inFlight.release();
              if (failure == null && response.statusCode() == 200) {
                ledger.acceptedAt.set(seq, System.nanoTime());
              } else {
                ledger.rejected.increment();
              }
            });
  }

  /** Waits until every webhook sent has its answer (or timed out). */
  void awaitAnswers(int maxInFlight) {
    try {
      inFlight.acquire(maxInFlight);
      inFlight.release(maxInFlight);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
