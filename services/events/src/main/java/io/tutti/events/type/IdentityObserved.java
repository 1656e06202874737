package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.time.Instant;

/**
 * A person told Tutti who they are outside a conversation (attribution): a website visitor's
 * identify call, or the buyer of an order. Profiles resolves the identity like a message sender
 * (the same deterministic links by email and phone, a contact created when new) and answers with
 * {@code contact.resolved} for the same {@code channel} and {@code externalId}.
 *
 * @param channel {@code web} for a website visitor ({@code externalId} is the visitor id that
 *     {@code /tutti.js} and the chat widget share), {@code shop} for a buyer ({@code externalId} is
 *     the shop's customer id, or the order's email or phone when it has none)
 * @param email the address the person gave, as given
 * @param phone the number the person gave, as given
 * @param source what observed it: {@code track}, {@code sale} or {@code shopify}
 */
public record IdentityObserved(
    String channel,
    String externalId,
    String name,
    String email,
    String phone,
    Instant observedAt,
    String source)
    implements EventPayload {

  public static final String CHANNEL_WEB = "web";
  public static final String CHANNEL_SHOP = "shop";

  @Override
  public String type() {
    return EventTypes.IDENTITY_OBSERVED;
  }
}
