package io.tutti.connectors.outbound;

import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.Channel;
import java.util.List;
import java.util.Set;

/** Sends replies through one platform's API, keeping the platform's rules. */
public interface ChannelSender {

  /** The channels this sender serves. */
  Set<Channel> channels();

  /**
   * The platform requests the reply becomes, in order.
   *
   * @throws SendFailure (permanent) when the platform's rules refuse the reply before any call: the
   *     messaging window is closed, the text is too long, an attachment cannot go on this channel
   */
  List<Part> plan(Delivery delivery);

  /**
   * Sends one part.
   *
   * @return the platform's id of the message it became
   */
  Uni<String> send(Delivery delivery, Part part);
}
