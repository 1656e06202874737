package io.tutti.profiles.identity;

import io.tutti.events.type.MessageReceived;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who wrote a {@code message.received}, as profiles reads it: the identity, the handles the message
 * shows and the link key the channel proves.
 *
 * @param handles phone, email or username the message shows, normalised
 * @param proved the phone or email the channel proves (see {@link LinkKeys}); null when none
 */
record Sender(
    String channel,
    String externalId,
    String name,
    String handle,
    List<Handle> handles,
    Handle proved) {

  static final int MAX_EXTERNAL_ID = 320;
  private static final int MAX_NAME = 200;

  /**
   * @throws IllegalArgumentException when the event names no usable identity: it can never be
   *     resolved, and is dead-lettered after the consumer's retries
   */
  static Sender of(MessageReceived message, PhoneNumbers phones) {
    String channel = blankToNull(message.channel());
    String rawId = blankToNull(message.externalContactId());
    if (channel == null || channel.length() > 30) {
      throw new IllegalArgumentException("message.received without a channel");
    }
    if (rawId == null || rawId.length() > MAX_EXTERNAL_ID) {
      throw new IllegalArgumentException("message.received without a usable externalContactId");
    }
    channel = channel.toLowerCase(Locale.ROOT);
    String externalId = channel.equals("email") ? rawId.toLowerCase(Locale.ROOT) : rawId;
    String name = blankToNull(message.contactName());
    if (name != null && name.length() > MAX_NAME) {
      name = name.substring(0, MAX_NAME);
    }
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
    return new Sender(channel, externalId, name, handle, List.copyOf(handles), proved.orElse(null));
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

  /** The key that links this identity to contacts holding the same phone or email, or null. */
  String linkKey() {
    return proved == null ? null : proved.linkKey();
  }

  String key() {
    return channel + ":" + externalId;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
