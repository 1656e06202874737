package io.tutti.profiles.merge;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MergeSuggestionRepository implements PanacheRepositoryBase<MergeSuggestion, UUID> {

  public Uni<MergeSuggestion> ofPair(String workspaceId, UUID a, UUID b) {
    UUID low = lower(a, b);
    UUID high = low.equals(a) ? b : a;
    return find("workspaceId = ?1 and contactA = ?2 and contactB = ?3", workspaceId, low, high)
        .firstResult();
  }

  public Uni<MergeSuggestion> findInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult();
  }

  /**
   * Open suggestions whose two contacts both still stand on their own, highest confidence first,
   * optionally only those involving one contact.
   */
  public Uni<List<MergeSuggestion>> open(
      String workspaceId, UUID contactId, BigDecimal afterConfidence, UUID afterId, int limit) {
    StringBuilder query =
        new StringBuilder(
            "workspaceId = ?1 and status = 'open' and contactA in (select c.id from Contact c"
                + " where c.workspaceId = ?1 and c.mergedInto is null) and contactB in (select"
                + " c.id from Contact c where c.workspaceId = ?1 and c.mergedInto is null)");
    List<Object> parameters = new ArrayList<>(List.of(workspaceId));
    if (contactId != null) {
      parameters.add(contactId);
      query.append(" and (contactA = ?2 or contactB = ?2)");
    }
    if (afterConfidence != null) {
      parameters.add(afterConfidence);
      parameters.add(afterId);
      int c = parameters.size() - 1;
      int i = parameters.size();
      query
          .append(" and (confidence < ?")
          .append(c)
          .append(" or (confidence = ?")
          .append(c)
          .append(" and id < ?")
          .append(i)
          .append("))");
    }
    query.append(" order by confidence desc, id desc");
    return find(query.toString(), parameters.toArray()).page(0, limit).list();
  }

  public Uni<List<MergeSuggestion>> involving(Collection<UUID> contactIds) {
    if (contactIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("contactA in ?1 or contactB in ?1 order by createdAt, id", contactIds);
  }

  public static UUID lower(UUID a, UUID b) {
    return a.toString().compareTo(b.toString()) <= 0 ? a : b;
  }
}
