package io.tutti.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventPayload;
import io.tutti.events.testing.BrokerProbe;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.tutti.events.type.ConversationOpened;
import io.tutti.events.type.SaleRecorded;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQMessage;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "tutti_events_test"),
      @ResourceArg(name = "vhost", value = "tutti-test-events")
    })
class OutboxRelayTest {

  private static final String OPENED = "events-test.conversation-opened";
  private static final String CAPPED = "events-test.capped-sales";

  @Inject Outbox outbox;
  @Inject OutboxEventRepository repository;
  @Inject OutboxRelay relay;
  @Inject Pool pool;
  @Inject Vertx vertx;

  private BrokerProbe broker;
  private final List<RabbitMQMessage> received = new ArrayList<>();

  @BeforeEach
  void connect() {
    broker = new BrokerProbe(vertx, TuttiTestInfrastructure.vhost("tutti-test-events"));
    broker.bindFreshQueue(OPENED, "conversation.opened", new JsonObject());
  }

  @AfterEach
  void disconnect() {
    relay.resume();
    broker.deleteQueue(OPENED);
    broker.deleteQueue(CAPPED);
    broker.close();
  }

  @Test
  void committedEventsArePublishedWithTheirEnvelopeAndHeaders() {
    List<EventEnvelope> events = addInOneTransaction(3, this::conversationOpened);

    await().atMost(Duration.ofSeconds(10)).until(() -> receive(OPENED) == 3);

    assertThat(received)
        .extracting(m -> m.properties().getMessageId())
        .containsExactlyElementsOf(events.stream().map(e -> e.id().toString()).toList());
    RabbitMQMessage first = received.get(0);
    assertThat(first.properties().getContentType()).isEqualTo("application/json");
    assertThat(first.properties().getType()).isEqualTo("conversation.opened");
    assertThat(first.properties().getDeliveryMode()).isEqualTo(2);
    assertThat(first.properties().getHeaders().get("x-workspace-id").toString())
        .isEqualTo(events.get(0).workspaceId());
    assertThat(EventCodec.decode(first.body().getBytes())).isEqualTo(events.get(0));
    // The rows are stamped in the transaction that commits after the confirms, which may be after
    // the messages reached the queue.
    await().atMost(Duration.ofSeconds(5)).until(() -> pendingOf(events) == 0);
  }

  @Test
  void withTracingOffNoTraceIsStoredOrSentEvenFromInsideASpan() throws Throwable {
    String trace = UUID.randomUUID().toString().replace("-", "");
    Span current =
        Span.wrap(
            SpanContext.create(
                trace, trace.substring(16), TraceFlags.getSampled(), TraceState.getDefault()));
    EventEnvelope event = EventEnvelope.of("test", workspace(), null, conversationOpened(0));

    VertxContextSupport.subscribeAndAwait(
        () ->
            Uni.createFrom()
                .deferred(
                    () -> {
                      Scope scope = Context.root().with(current).makeCurrent();
                      return Panache.withTransaction(() -> outbox.add(event))
                          .eventually(scope::close);
                    }));

    await().atMost(Duration.ofSeconds(10)).until(() -> receive(OPENED) == 1);
    assertThat(received.getFirst().properties().getHeaders())
        .doesNotContainKeys("traceparent", "tracestate");
    assertThat(
            pool.preparedQuery(
                    "select count(*) from outbox_event where id = $1 and traceparent is null"
                        + " and tracestate is null")
                .executeAndAwait(Tuple.of(event.id()))
                .iterator()
                .next()
                .getLong(0))
        .isEqualTo(1);
  }

  @Test
  void rolledBackTransactionLeavesNoEvent() {
    EventEnvelope event = EventEnvelope.of("test", workspace(), null, conversationOpened(0));

    assertThatThrownBy(
            () ->
                VertxContextSupport.subscribeAndAwait(
                    () ->
                        Panache.withTransaction(
                            () ->
                                outbox
                                    .add(event)
                                    .chain(
                                        () ->
                                            Uni.createFrom()
                                                .failure(
                                                    new IllegalStateException(
                                                        "state change failed"))))))
        .hasMessageContaining("state change failed");

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receive(OPENED) == 0);
    assertThat(rowCount(event.id())).isZero();
  }

  @Test
  void relayStoppedMidwayPublishesEveryEventExactlyOnceAfterRestart() throws Throwable {
    pauseRelay();
    List<EventEnvelope> events = addInOneTransaction(35, this::conversationOpened);

    OutboxRelay.BatchResult firstBatch =
        VertxContextSupport.subscribeAndAwait(() -> relay.publishOneBatch());

    assertThat(firstBatch).isEqualTo(new OutboxRelay.BatchResult(10, 10));
    await().atMost(Duration.ofSeconds(5)).until(() -> receive(OPENED) == 10);
    assertThat(pendingOf(events)).isEqualTo(25);

    relay.resume();

    await().atMost(Duration.ofSeconds(15)).until(() -> receive(OPENED) >= 35);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receive(OPENED) == 35);
    assertThat(received)
        .extracting(m -> m.properties().getMessageId())
        .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.id().toString()).toList());
    // The rows are stamped in the transaction that commits after the confirms, which may be after
    // the messages reached the queue.
    await().atMost(Duration.ofSeconds(5)).until(() -> pendingOf(events) == 0);
  }

  @Test
  void aPassStalledInItsTransactionDoesNotKeepItsEventsLockedForLong() throws Throwable {
    pauseRelay();
    List<EventEnvelope> events = addInOneTransaction(3, this::conversationOpened);
    // A pass that locked the events and then never heard back from the broker: its transaction
    // sits idle, with the limit the relay sets (1 s here), until it gives up after 6 s.
    CompletableFuture<Object> stalled =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return VertxContextSupport.subscribeAndAwait(
                    () ->
                        Panache.withTransaction(
                            () ->
                                repository
                                    .lockDueBatch(10)
                                    .call(
                                        () ->
                                            repository.endIfIdleInTransactionFor(
                                                Duration.ofSeconds(1)))
                                    .chain(
                                        locked ->
                                            Uni.createFrom()
                                                .nothing()
                                                .ifNoItem()
                                                .after(Duration.ofSeconds(6))
                                                .recoverWithItem(locked.size()))));
              } catch (Throwable failure) {
                throw new CompletionException(failure);
              }
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> lockedRows() > 0);

    // PostgreSQL ends the stalled session after a second; a pass then takes the events.
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              passOnce();
              return pendingOf(events) == 0;
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> receive(OPENED) == 3);
    // The stalled transaction commits nothing: its session is gone.
    assertThatThrownBy(stalled::join).isInstanceOf(CompletionException.class);
  }

  @Test
  void eventsTheBrokerRefusesAreRetriedAndEachArrivesExactlyOnce() throws Throwable {
    // A full queue that rejects publishes makes the broker nack: the broker refuses, as under
    // memory alarms.
    broker.bindFreshQueue(
        CAPPED,
        "sale.recorded",
        new JsonObject().put("x-max-length", 5).put("x-overflow", "reject-publish"));
    pauseRelay();
    List<EventEnvelope> events = addInOneTransaction(12, this::sale);

    relay.resume();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> broker.messageCount(CAPPED) == 5 && refusedOf(events) > 0);
    assertThat(pendingOf(events)).isEqualTo(7);

    List<String> arrived = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              broker.drain(CAPPED).forEach(m -> arrived.add(m.properties().getMessageId()));
              return arrived.size() >= 12 && pendingOf(events) == 0;
            });
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> broker.messageCount(CAPPED) == 0);
    assertThat(arrived)
        .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.id().toString()).toList());
  }

  @Test
  void relayReconnectsWhenTheBrokerDropsItsConnectionAndLosesNothing() throws Exception {
    List<EventEnvelope> events = new ArrayList<>(addInOneTransaction(20, this::conversationOpened));
    await().atMost(Duration.ofSeconds(10)).until(() -> receive(OPENED) >= 20);

    closeRelayConnection();
    events.addAll(addInOneTransaction(20, this::conversationOpened));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              receive(OPENED);
              return received.stream().map(m -> m.properties().getMessageId()).distinct().count()
                  == 40;
            });
    // Delivery is at least once: an event whose confirm was lost with the connection may come
    // twice.
    assertThat(received)
        .extracting(m -> m.properties().getMessageId())
        .containsAll(events.stream().map(e -> e.id().toString()).toList());
    // The rows are stamped in the transaction that commits after the confirms, which may be after
    // the messages reached the queue.
    await().atMost(Duration.ofSeconds(5)).until(() -> pendingOf(events) == 0);
  }

  /** What a broker restart does to the relay: its connection is closed from the broker's side. */
  private static void closeRelayConnection() throws Exception {
    Process list =
        new ProcessBuilder(
                "rabbitmqctl",
                "-q",
                "list_connections",
                "--no-table-headers",
                "pid",
                "client_properties")
            .start();
    String connections = new String(list.getInputStream().readAllBytes());
    assertThat(list.waitFor()).isZero();
    String pid =
        connections
            .lines()
            .filter(line -> line.contains("events-test-outbox-relay"))
            .map(line -> line.split("\t")[0])
            .findFirst()
            .orElseThrow(() -> new AssertionError("no relay connection in " + connections));
    Process close =
        new ProcessBuilder("rabbitmqctl", "-q", "close_connection", pid, "simulated broker restart")
            .inheritIO()
            .start();
    assertThat(close.waitFor()).isZero();
  }

  private void pauseRelay() {
    relay.pause();
    await().atMost(Duration.ofSeconds(10)).until(() -> !relay.isPassRunning());
  }

  private List<EventEnvelope> addInOneTransaction(int count, IntFunction<EventPayload> payload) {
    String workspace = workspace();
    List<EventEnvelope> events =
        IntStream.range(0, count)
            .mapToObj(i -> EventEnvelope.of("test", workspace, null, payload.apply(i)))
            .toList();
    try {
      VertxContextSupport.subscribeAndAwait(
          () ->
              Panache.withTransaction(
                  () ->
                      Multi.createFrom()
                          .iterable(events)
                          .onItem()
                          .transformToUniAndConcatenate(outbox::add)
                          .collect()
                          .asList()));
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
    return events;
  }

  private int receive(String queue) {
    received.addAll(broker.drain(queue));
    return received.size();
  }

  private long pendingOf(List<EventEnvelope> events) {
    return count("published_at is null", events);
  }

  private long refusedOf(List<EventEnvelope> events) {
    return count("published_at is null and attempts > 0 and last_error is not null", events);
  }

  private long count(String condition, List<EventEnvelope> events) {
    UUID[] ids = events.stream().map(EventEnvelope::id).toArray(UUID[]::new);
    return pool.preparedQuery(
            "select count(*) from outbox_event where id = any($1) and " + condition)
        .executeAndAwait(Tuple.of(ids))
        .iterator()
        .next()
        .getLong(0);
  }

  private long rowCount(UUID id) {
    return pool.preparedQuery("select count(*) from outbox_event where id = $1")
        .executeAndAwait(Tuple.of(id))
        .iterator()
        .next()
        .getLong(0);
  }

  private void passOnce() {
    try {
      VertxContextSupport.subscribeAndAwait(() -> relay.publishOneBatch());
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }

  /** Outbox rows some transaction holds a lock on. */
  private long lockedRows() {
    return pool.query(
            "select count(*) from pg_locks l join pg_class c on c.oid = l.relation"
                + " where c.relname = 'outbox_event' and l.mode = 'RowShareLock'")
        .execute()
        .await()
        .atMost(Duration.ofSeconds(5))
        .iterator()
        .next()
        .getLong(0);
  }

  private static String workspace() {
    return "ws-" + UUID.randomUUID();
  }

  private EventPayload conversationOpened(int i) {
    return new ConversationOpened(
        "conv-" + i,
        "contact-" + i,
        "inbox-1",
        "instagram",
        "ext-" + i,
        "open",
        null,
        null,
        Instant.now());
  }

  private EventPayload sale(int i) {
    return new SaleRecorded(
        "sale-" + i, "contact-" + i, "order-" + i, BigDecimal.TEN, "USD", Instant.now());
  }
}
