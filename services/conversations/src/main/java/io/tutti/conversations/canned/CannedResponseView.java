package io.tutti.conversations.canned;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A canned response as agents see it.
 *
 * @param placeholders the placeholders its text uses
 */
public record CannedResponseView(
    UUID id,
    String shortcut,
    String title,
    String text,
    List<String> placeholders,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  static CannedResponseView of(CannedResponse response) {
    return new CannedResponseView(
        response.id,
        response.shortcut,
        response.title,
        response.text,
        Placeholders.in(response.text),
        response.createdBy,
        response.createdAt,
        response.updatedAt);
  }
}
