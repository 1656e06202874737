package io.tutti.connectors.inbound;

import io.tutti.connectors.inbox.InboxContext;

/** Which inbox a platform account id named in a delivery belongs to. */
@FunctionalInterface
public interface AccountRouter {

  InboxContext inboxFor(String accountId);

  /** Everything goes to the one inbox. */
  static AccountRouter only(InboxContext inbox) {
    return accountId -> inbox;
  }
}
