package io.tutti.connectors.webchat;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.outbound.Contexts;
import io.tutti.connectors.outbound.OutboundMessage;
import io.tutti.connectors.outbound.OutboundMessageRepository;
import io.tutti.connectors.outbound.OutboundRecorder;
import io.tutti.connectors.outbound.SendFailure;
import io.tutti.events.type.OutboundRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Website chat replies. A reply is stored for its visitor ({@code sent}) and pushed to every page
 * the visitor has open ({@code delivered}); a visitor who is away gets it when they come back,
 * whichever replica their page then connects to. Each replica also looks every sweep interval for
 * stored replies to the visitors connected to it, which covers a reply dispatched on another
 * replica while the visitor was connected here.
 */
@ApplicationScoped
public class VisitorDelivery {

  private static final Logger LOG = Logger.getLogger(VisitorDelivery.class);

  /** Replies pushed to one visitor at once when they return. */
  private static final int BACKLOG = 100;

  /** Replies older than this are left for the visitor's next connection, not swept for. */
  private static final Duration SWEPT = Duration.ofDays(7);

  private final OutboundMessageRepository messages;
  private final OutboundRecorder recorder;
  private final VisitorConnections connections;
  private final com.fasterxml.jackson.databind.ObjectMapper json;

  public VisitorDelivery(
      OutboundMessageRepository messages,
      OutboundRecorder recorder,
      VisitorConnections connections,
      com.fasterxml.jackson.databind.ObjectMapper json) {
    this.messages = messages;
    this.recorder = recorder;
    this.connections = connections;
    this.json = json;
  }

  /** The dispatcher's path for a website chat reply. */
  public Uni<Void> dispatch(OutboundMessage message, OutboundRequested command) {
    if (command.template() != null) {
      throw SendFailure.permanent(
          "template-not-supported",
          "Message templates are a WhatsApp feature; write the chat reply as text.");
    }
    boolean hasText = command.text() != null && !command.text().isBlank();
    boolean hasFiles = command.attachments() != null && !command.attachments().isEmpty();
    if (!hasText && !hasFiles) {
      throw SendFailure.permanent("empty", "The reply has neither text nor attachments.");
    }
    return recorder
        .awaitingVisitor(message.id)
        .chain(() -> deliverWaiting(message.inboxId, message.recipient))
        .replaceWithVoid();
  }

  /**
   * Pushes the replies stored for a visitor who is connected to this replica, oldest first.
   *
   * @return how many reached at least one of the visitor's pages
   */
  public Uni<Integer> deliverWaiting(UUID inboxId, String visitorId) {
    if (!connections.isOnline(inboxId, visitorId)) {
      return Uni.createFrom().item(0);
    }
    return Panache.withTransaction(
        () -> {
          io.vertx.core.Context context = Contexts.current();
          return messages
              .lockAwaiting(inboxId, visitorId, BACKLOG)
              .chain(waiting -> push(inboxId, visitorId, waiting))
              // The sockets' writes complete on their own connections' event loops.
              .emitOn(Contexts.resumeOn(context))
              .call(recorder::deliveredToVisitor)
              .map(List::size);
        });
  }

  private Uni<List<OutboundMessage>> push(
      UUID inboxId, String visitorId, List<OutboundMessage> waiting) {
    List<OutboundMessage> pushed = new ArrayList<>();
    return Multi.createFrom()
        .iterable(waiting)
        .onItem()
        .transformToUniAndConcatenate(
            message ->
                connections
                    .push(inboxId, visitorId, frame(message))
                    .invoke(
                        reached -> {
                          if (reached > 0) {
                            pushed.add(message);
                          }
                        }))
        .collect()
        .last()
        .replaceWith(pushed);
  }

  private ServerFrame frame(OutboundMessage message) {
    OutboundRequested command;
    try {
      command = json.readValue(message.command, OutboundRequested.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("reply " + message.messageId + " is unreadable", e);
    }
    return new ServerFrame.AgentMessage(
        message.messageId,
        command.text() == null ? "" : command.text(),
        command.authorName(),
        message.sentAt != null ? message.sentAt : message.requestedAt,
        command.attachments() == null
            ? List.of()
            : command.attachments().stream().map(ServerFrame.FileLink::of).toList());
  }

  @Scheduled(
      identity = "tutti-webchat-sweep",
      every = "${tutti.connectors.outbound.sweep-interval:1s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> sweep() {
    return Panache.withSession(() -> messages.awaitingVisitors(Instant.now().minus(SWEPT), 500))
        .map(
            visitors ->
                visitors.stream()
                    .map(row -> new VisitorConnections.Visitor((UUID) row[0], (String) row[1]))
                    .filter(visitor -> connections.isOnline(visitor.inboxId(), visitor.visitorId()))
                    .toList())
        .chain(
            online ->
                Multi.createFrom()
                    .iterable(online)
                    .onItem()
                    .transformToUniAndConcatenate(
                        visitor -> deliverWaiting(visitor.inboxId(), visitor.visitorId()))
                    .collect()
                    .last())
        .onFailure()
        .invoke(failure -> LOG.warnf("website chat sweep failed: %s", failure.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
