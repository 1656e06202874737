package io.tutti.attribution.contact;

import io.smallrye.mutiny.Uni;
import io.tutti.attribution.persistence.NativeSql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What attribution knows of profiles' contacts: whose an identity is, the phones and emails a
 * contact holds, and which contacts are merged into which. A group is a surviving contact with
 * everything merged into it (and into those, and so on).
 */
@ApplicationScoped
public class Contacts {

  /** The contact an identity belongs to, or null. */
  public Uni<UUID> ofIdentity(String workspaceId, String channel, String externalId) {
    return NativeSql.values(
            "select contact_id from identity where workspace_id = :ws and channel = :channel"
                + " and external_id = :id",
            UUID.class,
            Map.of("ws", workspaceId, "channel", channel, "id", externalId))
        .map(ids -> ids.isEmpty() ? null : ids.getFirst());
  }

  /**
   * Points the identity at the contact; whether that changed anything (a new identity, or one that
   * was another contact's).
   */
  public Uni<Boolean> link(String workspaceId, String channel, String externalId, UUID contactId) {
    return NativeSql.update(
            "insert into identity (workspace_id, channel, external_id, contact_id)"
                + " values (:ws, :channel, :id, :contact) on conflict (workspace_id, channel,"
                + " external_id) do update set contact_id = excluded.contact_id"
                + " where identity.contact_id is distinct from excluded.contact_id",
            Map.of("ws", workspaceId, "channel", channel, "id", externalId, "contact", contactId))
        .map(rows -> rows > 0);
  }

  /** Whether profiles told of this contact (an identity, a handle, a merge). */
  public Uni<Boolean> known(String workspaceId, UUID contactId) {
    return NativeSql.values(
            "select exists (select 1 from identity where workspace_id = :ws and contact_id = :c)"
                + " or exists (select 1 from contact_handle where workspace_id = :ws and"
                + " contact_id = :c) or exists (select 1 from contact_merge where workspace_id ="
                + " :ws and (survivor_id = :c or merged_id = :c))",
            Boolean.class,
            Map.of("ws", workspaceId, "c", contactId))
        .map(List::getFirst);
  }

  /** Replaces the phones and emails held for a contact. */
  public Uni<Void> handles(
      String workspaceId, UUID contactId, List<String> emails, List<String> phones) {
    Uni<Void> chain =
        NativeSql.update(
                "delete from contact_handle where workspace_id = :ws and contact_id = :c",
                Map.of("ws", workspaceId, "c", contactId))
            .replaceWithVoid();
    for (String email : emails == null ? List.<String>of() : emails) {
      chain = chain.chain(() -> handle(workspaceId, contactId, "email", email.toLowerCase()));
    }
    for (String phone : phones == null ? List.<String>of() : phones) {
      chain = chain.chain(() -> handle(workspaceId, contactId, "phone", phone));
    }
    return chain;
  }

  private Uni<Void> handle(String workspaceId, UUID contactId, String kind, String value) {
    return NativeSql.update(
            "insert into contact_handle (workspace_id, kind, value, contact_id)"
                + " values (:ws, :kind, :value, :c) on conflict do nothing",
            Map.of("ws", workspaceId, "kind", kind, "value", value, "c", contactId))
        .replaceWithVoid();
  }

  /** The contact holding this email or phone (the oldest-known when several do), or null. */
  public Uni<UUID> byHandle(String workspaceId, String kind, String value) {
    return NativeSql.values(
            "select contact_id from contact_handle where workspace_id = :ws and kind = :kind"
                + " and value = :value order by contact_id limit 1",
            UUID.class,
            Map.of("ws", workspaceId, "kind", kind, "value", value))
        .map(ids -> ids.isEmpty() ? null : ids.getFirst());
  }

  public Uni<Void> merged(
      String workspaceId, String mergeId, UUID survivorId, UUID mergedId, Instant at) {
    return NativeSql.update(
            "insert into contact_merge (merge_id, workspace_id, survivor_id, merged_id, active,"
                + " merged_at) values (:m, :ws, :s, :x, true, :at) on conflict (merge_id) do"
                + " nothing",
            Map.of("m", mergeId, "ws", workspaceId, "s", survivorId, "x", mergedId, "at", at))
        .replaceWithVoid();
  }

  /** Ends a merge; answers whether it was active. */
  public Uni<Boolean> unmerged(String workspaceId, String mergeId) {
    return NativeSql.update(
            "update contact_merge set active = false where merge_id = :m and workspace_id = :ws"
                + " and active",
            Map.of("m", mergeId, "ws", workspaceId))
        .map(count -> count > 0);
  }

  /** The contact a contact's touches and conversions count for: the end of its active merges. */
  public Uni<UUID> survivorOf(String workspaceId, UUID contactId) {
    return NativeSql.values(
            "with recursive up(id, depth) as (select cast(:c as uuid), 0 union all select"
                + " m.survivor_id, up.depth + 1 from contact_merge m join up on m.merged_id ="
                + " up.id where m.workspace_id = :ws and m.active and up.depth < 100)"
                + " select id from up order by depth desc limit 1",
            UUID.class,
            Map.of("ws", workspaceId, "c", contactId))
        .map(List::getFirst);
  }

  /** The survivor and every contact merged into it, directly or not. */
  public Uni<List<UUID>> group(String workspaceId, UUID survivorId) {
    return NativeSql.values(
            "with recursive down(id, depth) as (select cast(:c as uuid), 0 union all select"
                + " m.merged_id, down.depth + 1 from contact_merge m join down on m.survivor_id ="
                + " down.id where m.workspace_id = :ws and m.active and down.depth < 100)"
                + " select distinct id from down",
            UUID.class,
            Map.of("ws", workspaceId, "c", survivorId))
        .map(ArrayList::new);
  }

  /** Forgets a contact: its identities, handles and merges. */
  public Uni<Void> forget(String workspaceId, UUID contactId) {
    Map<String, Object> params = Map.of("ws", workspaceId, "c", contactId);
    return NativeSql.update(
            "delete from identity where workspace_id = :ws and contact_id = :c", params)
        .chain(
            () ->
                NativeSql.update(
                    "delete from contact_handle where workspace_id = :ws and contact_id = :c",
                    params))
        .chain(
            () ->
                NativeSql.update(
                    "delete from contact_merge where workspace_id = :ws and (survivor_id = :c or"
                        + " merged_id = :c)",
                    params))
        .replaceWithVoid();
  }
}
