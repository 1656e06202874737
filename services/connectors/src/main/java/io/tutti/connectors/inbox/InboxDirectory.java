package io.tutti.connectors.inbox;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.config.ConnectorsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the inbox a webhook or socket is for, with credentials opened, and keeps it for a short
 * while so a burst of deliveries does not read and decrypt it each time. A change through the API
 * evicts it here; other replicas see it after {@link ConnectorsConfig#inboxCacheTtl()}.
 */
@ApplicationScoped
public class InboxDirectory {

  private final InboxRepository inboxes;
  private final Instance<InboxService> service;
  private final Duration ttl;
  private final Map<UUID, Cached> byId = new ConcurrentHashMap<>();
  private final Map<String, UUID> idBySiteKey = new ConcurrentHashMap<>();

  public InboxDirectory(
      InboxRepository inboxes, Instance<InboxService> service, ConnectorsConfig config) {
    this.inboxes = inboxes;
    this.service = service;
    this.ttl = config.inboxCacheTtl();
  }

  /** The inbox with this id on this channel, or null when there is none (a 404 to the caller). */
  @WithSession
  public Uni<InboxContext> find(String inboxId, Channel channel) {
    Optional<UUID> id = parse(inboxId);
    if (id.isEmpty()) {
      return Uni.createFrom().nullItem();
    }
    Cached cached = byId.get(id.get());
    if (cached != null && cached.fresh()) {
      return Uni.createFrom().item(cached.context.channel() == channel ? cached.context : null);
    }
    return inboxes
        .findById(id.get())
        .map(this::cache)
        .map(context -> context != null && context.channel() == channel ? context : null);
  }

  /**
   * Another inbox of the same workspace and channel connected to {@code accountId}: Meta sends
   * every page of an app to the one callback URL, so a delivery may name a page other than the
   * URL's.
   */
  @WithSession
  public Uni<InboxContext> findByAccount(String workspaceId, Channel channel, String accountId) {
    return inboxes
        .findByAccount(workspaceId, channel.id(), accountId)
        .map(inbox -> inbox == null ? null : open(inbox));
  }

  /** The website chat inbox with this public key, or null; every visitor socket asks this. */
  @WithSession
  public Uni<InboxContext> findBySiteKey(String siteKey) {
    UUID known = idBySiteKey.get(siteKey);
    Cached cached = known == null ? null : byId.get(known);
    if (cached != null && cached.fresh() && siteKey.equals(cached.context.siteKey())) {
      return Uni.createFrom().item(cached.context);
    }
    return inboxes
        .findBySiteKey(siteKey)
        .map(
            inbox -> {
              InboxContext context = cache(inbox);
              if (context != null) {
                idBySiteKey.put(siteKey, inbox.id);
              }
              return context;
            });
  }

  private InboxContext cache(Inbox inbox) {
    if (inbox == null) {
      return null;
    }
    InboxContext context = open(inbox);
    byId.put(inbox.id, new Cached(context, System.nanoTime() + ttl.toNanos()));
    return context;
  }

  public void evict(UUID id) {
    byId.remove(id);
  }

  public InboxContext open(Inbox inbox) {
    InboxService inboxService = service.get();
    Channel channel = Channel.of(inbox.channel).orElseThrow();
    return new InboxContext(
        inbox.id,
        inbox.workspaceId,
        inbox.name,
        channel,
        inbox.accountId,
        inbox.verifyToken,
        inbox.siteKey,
        inboxService.webhookUrl(channel, inbox.id),
        inboxService.settingsOf(inbox),
        inboxService.secretsOf(inbox));
  }

  private static Optional<UUID> parse(String id) {
    if (id == null || id.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private record Cached(InboxContext context, long expiresAtNanos) {
    boolean fresh() {
      return System.nanoTime() < expiresAtNanos;
    }
  }
}
