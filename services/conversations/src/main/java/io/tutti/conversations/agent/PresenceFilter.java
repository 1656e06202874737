package io.tutti.conversations.agent;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.tutti.web.security.Caller;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every authenticated request says its agent is here, before the request itself runs (so an agent's
 * first request already finds their record). It never fails a request: a bad token is the
 * endpoint's 401 to give, and a presence that could not be written is written by the next request.
 */
public class PresenceFilter {

  private static final Logger LOG = Logger.getLogger(PresenceFilter.class);

  private final CurrentIdentityAssociation identities;
  private final Presence presence;

  public PresenceFilter(CurrentIdentityAssociation identities, Presence presence) {
    this.identities = identities;
    this.presence = presence;
  }

  @ServerRequestFilter
  public Uni<Void> seen() {
    return identities
        .getDeferredIdentity()
        .chain(
            identity ->
                identity.isAnonymous()
                    ? Uni.createFrom().voidItem()
                    : presence.seen(new Caller(identity)))
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.debugf("presence not recorded: %s", failure.toString());
              return Uni.createFrom().voidItem();
            });
  }
}
