package io.tutti.attribution.touch;

import io.smallrye.mutiny.Uni;
import io.tutti.attribution.channel.ChannelRules;
import io.tutti.attribution.contact.Contacts;
import io.tutti.attribution.conversion.CreditEngine;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.Referral;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The touches messages make: a contact's first message on a channel, and every message an ad or a
 * campaign link brought (Instagram/Messenger {@code referral}, click-to-WhatsApp). Other messages
 * of a conversation are no new touch.
 */
@ApplicationScoped
public class MessageTouches {

  private static final int MAX_TEXT = 200;

  private final Contacts contacts;
  private final CreditEngine credit;

  public MessageTouches(Contacts contacts, CreditEngine credit) {
    this.contacts = contacts;
    this.credit = credit;
  }

  public Uni<Void> received(EventEnvelope event) {
    MessageReceived message = (MessageReceived) event.payload();
    if (message.channel() == null || message.externalContactId() == null) {
      throw new IllegalArgumentException("message.received without channel or externalContactId");
    }
    String kind = message.kind();
    if (kind != null
        && !MessageReceived.KIND_MESSAGE.equals(kind)
        && !MessageReceived.KIND_POSTBACK.equals(kind)) {
      return Uni.createFrom().voidItem();
    }
    String workspaceId = event.workspaceId();
    String identityChannel = message.channel().toLowerCase(Locale.ROOT);
    // Profiles keys email senders by their lower-cased address; the identity must read the same.
    String identityId =
        identityChannel.equals("email")
            ? message.externalContactId().toLowerCase(Locale.ROOT)
            : message.externalContactId();
    Referral referral = message.referral();
    String campaign = campaign(referral);
    String adId = referral == null ? null : cut(referral.adId());
    boolean fromAd = campaign != null || adId != null;
    String dedupeKey = fromAd ? "ad:" + event.id() : "first:" + identityChannel + ":" + identityId;
    Instant at =
        (message.sentAt() == null ? event.occurredAt() : message.sentAt())
            .truncatedTo(ChronoUnit.MICROS);
    return Touch.count("workspaceId = ?1 and dedupeKey = ?2", workspaceId, dedupeKey)
        .chain(
            held ->
                held > 0
                    ? Uni.createFrom().voidItem()
                    : contacts
                        .ofIdentity(workspaceId, identityChannel, identityId)
                        .chain(
                            contactId -> {
                              Touch touch = new Touch();
                              touch.id = UuidV7.next();
                              touch.workspaceId = workspaceId;
                              touch.kind = Touch.MESSAGE;
                              touch.contactId = contactId;
                              touch.identityChannel = identityChannel;
                              touch.identityId = identityId;
                              touch.channel = ChannelRules.ofMessagingChannel(identityChannel);
                              touch.campaign = campaign;
                              touch.adId = adId;
                              touch.occurredAt = at;
                              touch.dedupeKey = dedupeKey;
                              return touch
                                  .persist()
                                  .chain(
                                      () ->
                                          contactId == null
                                              ? Uni.createFrom().voidItem()
                                              : credit.recredit(workspaceId, contactId, at));
                            }));
  }

  /** The campaign a referral names: its campaign, else its UTM campaign, else the link's ref. */
  static String campaign(Referral referral) {
    if (referral == null) {
      return null;
    }
    if (notBlank(referral.campaign())) {
      return cut(referral.campaign());
    }
    if (referral.utm() != null && notBlank(referral.utm().get("utm_campaign"))) {
      return cut(referral.utm().get("utm_campaign"));
    }
    if (referral.utm() != null && notBlank(referral.utm().get("campaign"))) {
      return cut(referral.utm().get("campaign"));
    }
    return notBlank(referral.ref()) ? cut(referral.ref()) : null;
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  private static String cut(String value) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    return stripped.length() <= MAX_TEXT ? stripped : stripped.substring(0, MAX_TEXT);
  }
}
