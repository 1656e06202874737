package io.tutti.profiles.contact;

import java.time.Instant;

/**
 * A moment the contact came to the workspace: a website session or a message on a channel.
 *
 * @param channel how they came, e.g. {@code instagram}, {@code paid_search}, {@code whatsapp}
 * @param campaign the campaign that brought them, when known
 */
public record Touch(String channel, String campaign, Instant at) {}
