package io.tutti.conversations.testing;

import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.Referral;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds the {@code message.received} connectors would send, one customer message at a time. */
public final class Received {

  private final String inboxId;
  private final String channel;
  private String externalContactId = "customer-" + UUID.randomUUID();
  private String contactName;
  private String contactHandle;
  private String platformMessageId = "mid-" + UUID.randomUUID();
  private String text = "Hello";
  private final List<Attachment> attachments = new ArrayList<>();
  private String replyTo;

  /** When the customer sent it; by default the moment it is built. */
  private Instant sentAt;

  private Referral referral;
  private String kind = MessageReceived.KIND_MESSAGE;
  private String subject;
  private List<String> references = List.of();

  private Received(String inboxId, String channel) {
    this.inboxId = inboxId;
    this.channel = channel;
  }

  public static Received on(String inboxId, String channel) {
    return new Received(inboxId, channel);
  }

  public Received from(String externalContactId) {
    this.externalContactId = externalContactId;
    return this;
  }

  public Received named(String name) {
    this.contactName = name;
    return this;
  }

  public Received handle(String handle) {
    this.contactHandle = handle;
    return this;
  }

  public Received id(String platformMessageId) {
    this.platformMessageId = platformMessageId;
    return this;
  }

  public Received text(String text) {
    this.text = text;
    return this;
  }

  public Received attachment(String type, String url) {
    attachments.add(new Attachment(type, url, null, null, null));
    return this;
  }

  public Received replyingTo(String platformMessageId) {
    this.replyTo = platformMessageId;
    return this;
  }

  public Received at(Instant sentAt) {
    this.sentAt = sentAt;
    return this;
  }

  public Received kind(String kind) {
    this.kind = kind;
    return this;
  }

  public Received referral(Referral referral) {
    this.referral = referral;
    return this;
  }

  public Received email(String subject, List<String> references) {
    this.subject = subject;
    this.references = references;
    return this;
  }

  public String externalContactId() {
    return externalContactId;
  }

  public MessageReceived build() {
    return new MessageReceived(
        inboxId,
        channel,
        externalContactId,
        contactName,
        contactHandle,
        platformMessageId,
        text,
        List.copyOf(attachments),
        replyTo,
        sentAt != null ? sentAt : Instant.now(),
        referral,
        kind,
        subject,
        null,
        references);
  }
}
