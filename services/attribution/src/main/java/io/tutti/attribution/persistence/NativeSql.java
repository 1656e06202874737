package io.tutti.attribution.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/** SQL the entities cannot say (upserts of sums, bulk moves), in the caller's session. */
public final class NativeSql {

  private NativeSql() {}

  /**
   * Writes the session's pending entity changes, so that the SQL that follows sees them (native
   * statements do not flush by themselves).
   */
  public static Uni<Void> flush() {
    return Panache.getSession().chain(Mutiny.Session::flush);
  }

  public static Uni<List<Object[]>> rows(String sql, Map<String, ?> parameters) {
    return Panache.getSession()
        .chain(
            session -> bind(session.<Object[]>createNativeQuery(sql), parameters).getResultList());
  }

  public static <T> Uni<List<T>> values(String sql, Class<T> type, Map<String, ?> parameters) {
    return Panache.getSession()
        .chain(session -> bind(session.createNativeQuery(sql, type), parameters).getResultList());
  }

  public static Uni<Integer> update(String sql, Map<String, ?> parameters) {
    return Panache.getSession()
        .chain(
            session -> {
              Mutiny.MutationQuery query = session.createNativeQuery(sql);
              parameters.forEach(query::setParameter);
              return query.executeUpdate();
            });
  }

  private static <T> Mutiny.SelectionQuery<T> bind(
      Mutiny.SelectionQuery<T> query, Map<String, ?> parameters) {
    parameters.forEach(query::setParameter);
    return query;
  }
}
