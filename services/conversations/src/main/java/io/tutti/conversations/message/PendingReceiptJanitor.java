package io.tutti.conversations.message;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.config.ConversationsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Forgets receipts that never found their message: a platform also reports on messages sent from
 * outside Tutti (the WhatsApp app on the business phone, Meta's inbox), which no reply here will
 * ever claim.
 */
@ApplicationScoped
public class PendingReceiptJanitor {

  private final PendingReceiptRepository receipts;
  private final ConversationsConfig config;

  public PendingReceiptJanitor(PendingReceiptRepository receipts, ConversationsConfig config) {
    this.receipts = receipts;
    this.config = config;
  }

  @Scheduled(
      identity = "conversations-pending-receipt-janitor",
      every = "1h",
      delayed = "5m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> deleteExpired() {
    Instant cutoff = Instant.now().minus(config.pendingReceiptRetention());
    return Panache.withTransaction(() -> receipts.deleteReceivedBefore(cutoff)).replaceWithVoid();
  }
}
