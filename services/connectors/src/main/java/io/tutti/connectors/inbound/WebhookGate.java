package io.tutti.connectors.inbound;

import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.connectors.inbox.InboxDirectory;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The checks every webhook makes before it looks at a delivery's content, in the same order
 * everywhere: content type (415), size (413), then the inbox the URL names (404).
 */
@ApplicationScoped
public class WebhookGate {

  private final InboxDirectory directory;

  public WebhookGate(InboxDirectory directory) {
    this.directory = directory;
  }

  /** The inbox a delivery is for, once its content type and size are acceptable. */
  public Uni<InboxContext> admit(
      String inboxId,
      Channel channel,
      String contentType,
      byte[] body,
      int maxBytes,
      String... mediaTypes) {
    Webhooks.requireMediaType(contentType, mediaTypes);
    Webhooks.requireSize(body, maxBytes);
    return inbox(inboxId, channel);
  }

  /** The inbox with this id on this channel; 404 when there is none. */
  public Uni<InboxContext> inbox(String inboxId, Channel channel) {
    return directory.find(inboxId, channel).onItem().ifNull().failWith(Webhooks::unknownInbox);
  }
}
