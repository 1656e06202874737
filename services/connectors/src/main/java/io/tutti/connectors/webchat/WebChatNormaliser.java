package io.tutti.connectors.webchat;

import io.tutti.connectors.inbound.InboundItem;
import io.tutti.connectors.inbound.PageAttribution;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.events.type.MessageReceived;
import java.time.Instant;
import java.util.List;

/**
 * A visitor's chat message to a Tutti item. The visitor id is the contact's identity on the web
 * channel; the widget's message id, unique per visitor, makes a resend after a dropped connection
 * the same message.
 */
final class WebChatNormaliser {

  private WebChatNormaliser() {}

  static InboundItem.Message message(
      InboxContext inbox, String visitorId, VisitorFrame.Message message, Instant receivedAt) {
    return InboundItem.message(
        inbox,
        visitorId + ":" + message.id(),
        new MessageReceived(
            inbox.id().toString(),
            Channel.WEB.id(),
            visitorId,
            message.name(),
            message.email(),
            message.id(),
            message.text(),
            List.of(),
            null,
            // The server's clock: a visitor's may be anything.
            receivedAt,
            message.page() == null ? null : PageAttribution.referral(message.page().url()),
            MessageReceived.KIND_MESSAGE,
            null,
            null,
            List.of()));
  }
}
