package io.tutti.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.events.type.AgentPresenceChanged;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.ContactErased;
import io.tutti.events.type.ContactMerged;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.ContactStageChanged;
import io.tutti.events.type.ContactUnmerged;
import io.tutti.events.type.ContactUpdated;
import io.tutti.events.type.ConversationMessageAdded;
import io.tutti.events.type.ConversationOpened;
import io.tutti.events.type.ConversationUpdated;
import io.tutti.events.type.IdentityObserved;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import io.tutti.events.type.Referral;
import io.tutti.events.type.SaleRecorded;
import io.tutti.events.type.SessionRecorded;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

  private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");

  static Stream<EventPayload> oneOfEachType() {
    return Stream.of(
        new MessageReceived(
            "inbox-1",
            "instagram",
            "17841400000000000",
            "Ana Souza",
            "@ana",
            "mid.$cAAJ",
            "Olá! Quanto custa? 日本語 🎉",
            List.of(
                new Attachment("image", "https://cdn.example/a.jpg", "a.jpg", 2048L, "image/jpeg")),
            "mid.previous",
            AT,
            new Referral("ADS", "6045", "Winter sale", "winter", Map.of("utm_source", "instagram")),
            MessageReceived.KIND_MESSAGE,
            null,
            null,
            List.of()),
        new MessageStatusChanged(
            "inbox-1",
            "whatsapp",
            "msg-1",
            "wamid.HBg",
            "failed",
            new MessageStatusChanged.Error("131047", "Re-engagement message"),
            AT,
            "4915112345678",
            null),
        new OutboundRequested(
            "msg-1", "conv-1", "inbox-1", "telegram", "12345", "Hi!", List.of(), "55"),
        new OutboundRequested(
            "msg-3",
            "conv-2",
            "inbox-2",
            "whatsapp",
            "4915112345678",
            null,
            List.of(),
            null,
            null,
            null,
            new OutboundRequested.Template("order_update", "en_US", List.of("Ana", "#1042")),
            "Alice"),
        new ConversationOpened(
            "conv-1", "contact-1", "inbox-1", "sms", "+4915112345678", "open", null, null, AT),
        new ConversationUpdated(
            "conv-1",
            "contact-1",
            "email",
            "snoozed",
            AT,
            "agent-1",
            "team-1",
            "high",
            List.of("vip", "billing"),
            List.of("status", "priority"),
            "rule:ad-leads"),
        new ConversationMessageAdded(
            "conv-1", "msg-2", "contact-1", "web", "in", "contact-1", false, "Hello", null, AT),
        new ContactResolved("contact-1", "whatsapp", "4915112345678", "inbox-2", true, "evt-1"),
        new ContactUpdated(
            "contact-1",
            "Ana Souza",
            List.of("ana@example.com"),
            List.of("+4915112345678"),
            "lead",
            Map.of("plan", "pro", "seats", 12)),
        new ContactMerged("merge-1", "contact-1", "contact-2", "agent-1"),
        new ContactUnmerged(
            "merge-1", "contact-1", "contact-2", List.of("instagram:1784"), "agent-1"),
        new ContactStageChanged("contact-1", "lead", "qualified", "sam", "budget confirmed", AT),
        new ContactErased("contact-1", "ada"),
        new SessionRecorded(
            "session-1",
            "anon-1",
            "contact-1",
            "search",
            "winter",
            "https://shop.example/?utm_source=google",
            "https://www.google.com/",
            AT),
        new SaleRecorded("sale-1", "contact-1", "order-1001", new BigDecimal("100.50"), "USD", AT),
        new IdentityObserved(
            "web", "visitor-1", "Ada", "ada@example.com", "+819012345678", AT, "track"),
        new AgentPresenceChanged("agent-1", true));
  }

  @Test
  void everyEventTypeHasASampleHere() {
    assertThat(oneOfEachType().map(EventPayload::type).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(EventTypes.all());
  }

  @ParameterizedTest
  @MethodSource("oneOfEachType")
  void everyTypeSurvivesARoundTrip(EventPayload payload) {
    EventEnvelope sent = EventEnvelope.of("test", "acme", "corr-1", payload);

    EventEnvelope received = EventCodec.decode(EventCodec.encode(sent));

    assertThat(received).isEqualTo(sent);
    assertThat(received.payload()).isInstanceOf(payload.getClass());
  }

  @Test
  void envelopeHasTheDocumentedShape() {
    EventEnvelope event =
        EventEnvelope.of("profiles", "acme", null, new ContactErased("contact-1", "ada"));

    String json = EventCodec.encodeToString(event);

    assertThat(json)
        .contains("\"id\":\"" + event.id() + "\"")
        .contains("\"type\":\"contact.erased\"")
        .contains("\"version\":1")
        .contains("\"workspaceId\":\"acme\"")
        .contains("\"source\":\"profiles\"")
        .contains("\"correlationId\":\"" + event.id() + "\"")
        .contains("\"payload\":{\"contactId\":\"contact-1\",\"by\":\"ada\"}");
    assertThat(event.id().version()).isEqualTo(7);
  }

  @Test
  void fieldsAddedByANewerProducerAreIgnored() {
    String json =
        "{\"id\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"type\":\"contact.erased\",\"version\":1,"
            + "\"occurredAt\":\"2026-11-23T10:00:00Z\",\"workspaceId\":\"acme\",\"source\":\"profiles\","
            + "\"payload\":{\"contactId\":\"c1\",\"by\":\"ada\",\"reason\":\"gdpr\"},\"extra\":true}";

    EventEnvelope event = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8));

    assertThat(event.payload()).isEqualTo(new ContactErased("c1", "ada"));
    assertThat(event.correlationId()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[]",
        "{\"type\":\"contact.erased\"",
        "{\"id\":\"x\",\"type\":\"contact.erased\",\"occurredAt\":\"2026-11-23T10:00:00Z\","
            + "\"workspaceId\":\"acme\",\"source\":\"p\",\"payload\":{}}",
        "{\"id\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"type\":\"no.such-type\","
            + "\"occurredAt\":\"2026-11-23T10:00:00Z\",\"workspaceId\":\"acme\",\"source\":\"p\","
            + "\"payload\":{}}",
        "{\"id\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"type\":\"contact.erased\","
            + "\"occurredAt\":\"yesterday\",\"workspaceId\":\"acme\",\"source\":\"p\",\"payload\":{}}",
        "{\"id\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"type\":\"contact.erased\","
            + "\"occurredAt\":\"2026-11-23T10:00:00Z\",\"source\":\"p\",\"payload\":{}}",
        "{\"id\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"type\":\"contact.erased\","
            + "\"occurredAt\":\"2026-11-23T10:00:00Z\",\"workspaceId\":\"acme\",\"source\":\"p\"}",
        "{\"id\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"type\":\"sale.recorded\","
            + "\"occurredAt\":\"2026-11-23T10:00:00Z\",\"workspaceId\":\"acme\",\"source\":\"p\","
            + "\"payload\":{\"amount\":\"lots\"}}"
      })
  void bytesThatAreNoEventAreRejected(String json) {
    assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventCodec.MalformedEventException.class);
  }

  @Test
  void envelopeTypeMustMatchPayload() {
    Function<String, EventEnvelope> withType =
        type ->
            new EventEnvelope(
                UuidV7.next(), type, 1, AT, "acme", "test", null, new ContactErased("c", "a"));

    assertThat(withType.apply("contact.erased").type()).isEqualTo("contact.erased");
    assertThatThrownBy(() -> withType.apply("contact.merged"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
