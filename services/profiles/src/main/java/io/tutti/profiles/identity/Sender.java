package io.tutti.profiles.identity;

import io.tutti.events.type.IdentityObserved;
import io.tutti.events.type.MessageReceived;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who an event names, as profiles reads it: the identity, the handles the event shows and the
 * phones or emails it proves. The sender of a {@code message.received}, or the person of an {@code
 * identity.observed}.
 *
 * @param handles phone, email or username the event shows, normalised
 * @param proofs the phones and emails the event proves (see {@link LinkKeys}), the one to link by
 *     first; empty when none
 */
record Sender(
    String channel,
    String externalId,
    String name,
    String handle,
    List<Handle> handles,
    List<Handle> proofs) {

  static final int MAX_EXTERNAL_ID = 320;
  private static final int MAX_CHANNEL = 30;
  private static final int MAX_NAME = 200;

  /**
   * @throws IllegalArgumentException when the event names no usable identity: it can never be
   *     resolved, and is dead-lettered after the consumer's retries
   */
  static Sender of(MessageReceived message, PhoneNumbers phones) {
    String channel = channel(message.channel(), "message.received");
    String rawId = externalId(message.externalContactId(), "message.received", "externalContactId");
    String externalId = channel.equals("email") ? rawId.toLowerCase(Locale.ROOT) : rawId;
    String handle = blankToNull(message.contactHandle());
    if (handle != null && handle.length() > MAX_EXTERNAL_ID) {
      handle = null;
    }

    List<Handle> handles = new ArrayList<>();
    Optional<Handle> proved =
        switch (channel) {
          // WhatsApp names the customer by wa_id: their number's digits without the +.
          case "whatsapp" -> phones.e164FromChannel("+" + externalId).map(Handle::phone);
          case "sms" -> phones.e164FromChannel(externalId).map(Handle::phone);
          case "email" -> Emails.normalise(externalId).map(Handle::email);
          // The address a chat visitor typed in the widget links the chat to their email.
          case "web" -> Emails.normalise(handle).map(Handle::email);
          default -> Optional.empty();
        };
    proved.ifPresent(handles::add);
    Optional<Handle> shown = classify(channel, handle, phones);
    if (shown.isPresent() && handles.stream().noneMatch(shown.get()::equals)) {
      handles.add(shown.get());
    }
    return new Sender(
        channel,
        externalId,
        name(message.contactName()),
        handle,
        List.copyOf(handles),
        proved.map(List::of).orElse(List.of()));
  }

  /**
   * The person of an {@code identity.observed}. A website visitor's identify call proves the email
   * it gives, as the address a chat visitor types does; an order proves its email and its phone,
   * and links by the email first. Addresses and numbers that are no valid ones are left out.
   *
   * @throws IllegalArgumentException when the event names no identity on {@code web} or {@code
   *     shop}: it can never be resolved, and is dead-lettered after the consumer's retries
   */
  static Sender of(IdentityObserved observed, PhoneNumbers phones) {
    String channel = channel(observed.channel(), "identity.observed");
    if (!channel.equals(IdentityObserved.CHANNEL_WEB)
        && !channel.equals(IdentityObserved.CHANNEL_SHOP)) {
      throw new IllegalArgumentException(
          "identity.observed on channel " + channel + ", which is neither web nor shop");
    }
    String externalId = externalId(observed.externalId(), "identity.observed", "externalId");
    Optional<Handle> email = Emails.normalise(observed.email()).map(Handle::email);
    Optional<Handle> phone =
        phones.e164FromChannel(blankToNull(observed.phone())).map(Handle::phone);
    List<Handle> handles = new ArrayList<>();
    email.ifPresent(handles::add);
    phone.ifPresent(handles::add);
    List<Handle> proofs =
        channel.equals(IdentityObserved.CHANNEL_SHOP)
            ? List.copyOf(handles)
            : email.stream().toList();
    String handle =
        email.isPresent()
            ? observed.email().strip()
            : phone.isPresent() ? observed.phone().strip() : null;
    if (handle != null && handle.length() > MAX_EXTERNAL_ID) {
      handle = null;
    }
    return new Sender(
        channel, externalId, name(observed.name()), handle, List.copyOf(handles), proofs);
  }

  /** The handle a channel showed: an email address, a phone number, or a username there. */
  private static Optional<Handle> classify(String channel, String handle, PhoneNumbers phones) {
    if (handle == null) {
      return Optional.empty();
    }
    if (handle.indexOf('@') > 0) {
      return Emails.normalise(handle).map(Handle::email);
    }
    if (PhoneNumbers.looksLikePhone(handle)) {
      return phones.e164FromChannel(handle).map(Handle::phone);
    }
    String username = handle.startsWith("@") ? handle.substring(1) : handle;
    return username.isBlank() || username.contains(" ")
        ? Optional.empty()
        : Optional.of(Handle.username(channel, username.toLowerCase(Locale.ROOT)));
  }

  /**
   * Whether a handle this sender shows is one a person gave rather than one the channel proves for
   * the identity: an address a website visitor gave, an order's email or phone. Given to an
   * identity already known, or beside the proof that linked it, such a handle another contact holds
   * is evidence for a merge, not a handle to copy.
   */
  boolean gave(Handle handle) {
    return (channel.equals(IdentityObserved.CHANNEL_WEB)
            || channel.equals(IdentityObserved.CHANNEL_SHOP))
        && proofs.contains(handle);
  }

  /** Whether the event tells nothing about the person but the identity itself. */
  boolean tellsNothing() {
    return name == null && handles.isEmpty();
  }

  String key() {
    return channel + ":" + externalId;
  }

  private static String channel(String raw, String type) {
    String channel = blankToNull(raw);
    if (channel == null || channel.length() > MAX_CHANNEL) {
      throw new IllegalArgumentException(type + " without a channel");
    }
    return channel.toLowerCase(Locale.ROOT);
  }

  private static String externalId(String raw, String type, String field) {
    String id = blankToNull(raw);
    if (id == null || id.length() > MAX_EXTERNAL_ID) {
      throw new IllegalArgumentException(type + " without a usable " + field);
    }
    return id;
  }

  private static String name(String raw) {
    String name = blankToNull(raw);
    return name != null && name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
