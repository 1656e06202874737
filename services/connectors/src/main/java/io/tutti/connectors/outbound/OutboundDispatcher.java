package io.tutti.connectors.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.connectors.inbox.InboxDirectory;
import io.tutti.connectors.webchat.VisitorDelivery;
import io.tutti.events.tracing.EventTracing;
import io.tutti.events.type.OutboundRequested;
import io.tutti.web.crypto.SecretBox;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Sends the replies that are due. A pass locks a batch (skipping what another replica holds), marks
 * it sending with a lease and commits before any platform is called, so a crash never sends twice;
 * then each reply goes out on its own context, part by part, and its outcome is recorded with the
 * event that tells conversations. Passes repeat while there is work; a new command wakes the
 * dispatcher at once, and a timer catches retries that fall due.
 *
 * <p>Each send continues the trace of the command it answers, so the call to the platform (and the
 * status event that follows) are in the trace that began with the agent's reply.
 */
@ApplicationScoped
public class OutboundDispatcher {

  private static final Logger LOG = Logger.getLogger(OutboundDispatcher.class);

  private final OutboundMessageRepository messages;
  private final OutboundRecorder recorder;
  private final InboxDirectory directory;
  private final ContactWindowRepository windows;
  private final VisitorDelivery visitors;
  private final OutboundConfig config;
  private final ObjectMapper json;
  private final Vertx vertx;
  private final EventTracing tracing;
  private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
  private final AtomicBoolean passRunning = new AtomicBoolean();
  private final AtomicBoolean wokenDuringPass = new AtomicBoolean();
  private volatile long timerId = -1;

  public OutboundDispatcher(
      OutboundMessageRepository messages,
      OutboundRecorder recorder,
      InboxDirectory directory,
      ContactWindowRepository windows,
      VisitorDelivery visitors,
      OutboundConfig config,
      ObjectMapper json,
      Vertx vertx,
      EventTracing tracing,
      Instance<ChannelSender> channelSenders) {
    this.messages = messages;
    this.recorder = recorder;
    this.directory = directory;
    this.windows = windows;
    this.visitors = visitors;
    this.config = config;
    this.json = json;
    this.vertx = vertx;
    this.tracing = tracing;
    channelSenders.forEach(sender -> sender.channels().forEach(c -> senders.put(c, sender)));
  }

  void start(@Observes StartupEvent event) {
    if (config.enabled()) {
      timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** Looks for due replies now; a pass already running takes another turn when it ends. */
  public void wake() {
    if (!config.enabled()) {
      return;
    }
    if (!passRunning.compareAndSet(false, true)) {
      wokenDuringPass.set(true);
      return;
    }
    onNewContext(
        () ->
            drain()
                .onTermination()
                .invoke(
                    () -> {
                      passRunning.set(false);
                      if (wokenDuringPass.getAndSet(false)) {
                        wake();
                      }
                    })
                .subscribe()
                .with(ignored -> {}, failure -> LOG.error("outbound pass failed", failure)));
  }

  /** Passes until one finds nothing due. */
  Uni<Void> drain() {
    return claim()
        .chain(
            batch -> {
              if (batch.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return Uni.join()
                  .all(batch.stream().map(this::sendOnOwnContext).toList())
                  .andCollectFailures()
                  .chain(this::drain);
            });
  }

  private Uni<List<OutboundMessage>> claim() {
    return Panache.withTransaction(
        () ->
            messages
                .lockDue(config.batchSize())
                .invoke(
                    batch -> {
                      Instant now = Instant.now();
                      for (OutboundMessage message : batch) {
                        message.state = OutboundMessage.SENDING;
                        message.attempts++;
                        message.leaseUntil = now.plus(config.sendLease());
                      }
                    }));
  }

  /** Each reply gets a context of its own: Hibernate Reactive keeps one session per context. */
  private Uni<Void> sendOnOwnContext(OutboundMessage message) {
    return Uni.createFrom()
        .<Void>emitter(
            emitter ->
                onNewContext(
                    () ->
                        tracing
                            .continuing(
                                new EventTracing.TraceHeaders(
                                    message.traceparent, message.tracestate),
                                "send reply " + message.channel,
                                () -> send(message))
                            .subscribe()
                            .with(emitter::complete, emitter::fail)))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.errorf(failure, "reply %s could not be recorded", message.messageId);
              return null;
            });
  }

  private Uni<Void> send(OutboundMessage message) {
    Context context = Contexts.current();
    OutboundRequested command;
    try {
      command = json.readValue(message.command, OutboundRequested.class);
    } catch (JsonProcessingException e) {
      return recorder.failed(
          message.id, SendFailure.permanent("unreadable-command", "The reply is unreadable."), 1);
    }
    Channel channel = Channel.of(message.channel).orElse(null);
    if (channel == null) {
      return recorder.failed(
          message.id,
          SendFailure.permanent("unknown-channel", "Tutti cannot send on " + message.channel),
          1);
    }
    return directory
        .find(message.inboxId.toString(), channel)
        .chain(
            inbox -> {
              if (inbox == null || !inbox.workspaceId().equals(message.workspaceId)) {
                throw SendFailure.permanent(
                    "inbox-not-found", "The inbox this conversation came through is gone.");
              }
              return channel == Channel.WEB
                  ? visitors.dispatch(message, command)
                  : sendParts(message, command, inbox, context);
            })
        .onFailure(SecretBox.SealedValueException.class)
        .transform(
            unreadable ->
                SendFailure.credentials(
                    "credentials-unreadable",
                    "This inbox's credentials cannot be opened with the configured encryption key;"
                        + " an admin must enter them again."))
        .onFailure(SendFailure.class)
        .recoverWithUni(failure -> recorder.failed(message.id, (SendFailure) failure, 1))
        .onFailure(failure -> !(failure instanceof SendFailure))
        .recoverWithUni(
            failure -> {
              LOG.warnf(failure, "reply %s hit an internal error", message.messageId);
              return recorder.failed(
                  message.id,
                  SendFailure.transientFailure(
                      "internal", "Tutti could not send the reply for an internal reason."),
                  1);
            });
  }

  private Uni<Void> sendParts(
      OutboundMessage message, OutboundRequested command, InboxContext inbox, Context context) {
    ChannelSender sender = senders.get(inbox.channel());
    return Panache.withSession(() -> windows.lastInbound(inbox.id(), command.externalContactId()))
        .chain(
            lastInbound -> {
              Delivery delivery = new Delivery(command, inbox, lastInbound, Instant.now());
              List<Part> parts = sender.plan(delivery);
              return sendFrom(message, delivery, sender, parts, message.partsSent, context)
                  .onFailure(SendFailure.class)
                  .recoverWithUni(
                      failure -> recorder.failed(message.id, (SendFailure) failure, parts.size()));
            });
  }

  private Uni<Void> sendFrom(
      OutboundMessage message,
      Delivery delivery,
      ChannelSender sender,
      List<Part> parts,
      int next,
      Context context) {
    if (next >= parts.size()) {
      return recorder.sent(message.id);
    }
    return sender
        .send(delivery, parts.get(next))
        // Platform answers may arrive on another thread (SMTP runs on a worker); the session
        // that records them belongs to this reply's context.
        .emitOn(Contexts.resumeOn(context))
        .chain(platformId -> recorder.partSent(message.id, message.inboxId, next, platformId))
        .chain(() -> sendFrom(message, delivery, sender, parts, next + 1, context));
  }

  private void onNewContext(Runnable task) {
    Context context =
        VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(ignored -> task.run());
  }
}
