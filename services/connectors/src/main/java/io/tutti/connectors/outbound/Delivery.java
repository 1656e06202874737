package io.tutti.connectors.outbound;

import io.tutti.connectors.inbox.InboxContext;
import io.tutti.events.type.OutboundRequested;
import java.time.Instant;

/**
 * A reply about to be sent, with what its channel's rules need to know.
 *
 * @param lastInboundAt when the customer last wrote to the inbox (null when never); the 24-hour
 *     windows of Meta's platforms are counted from it
 * @param now the time the rules are checked at
 */
public record Delivery(
    OutboundRequested command, InboxContext inbox, Instant lastInboundAt, Instant now) {

  public String recipient() {
    return command.externalContactId();
  }

  public String text() {
    return command.text() == null ? "" : command.text();
  }

  public boolean hasText() {
    return command.text() != null && !command.text().isBlank();
  }
}
