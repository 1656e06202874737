package io.tutti.profiles.contact;

import io.tutti.profiles.config.ProfilesConfig;
import io.tutti.web.problem.Problem;
import java.util.List;

/**
 * The {@code limit} of a list request: the configured default, or 1 to the configured maximum. Read
 * from text here, because JAX-RS answers a query parameter it cannot convert with a bare 404.
 */
public final class PageSize {

  private PageSize() {}

  public static int of(String limit, ProfilesConfig config) {
    if (limit == null || limit.isBlank()) {
      return config.defaultPageSize();
    }
    try {
      int size = Integer.parseInt(limit.strip());
      if (size >= 1 && size <= config.maxPageSize()) {
        return size;
      }
    } catch (NumberFormatException e) {
      // answered below, like a number out of range
    }
    throw Problem.validation(
            List.of(
                new Problem.FieldError(
                    "limit", "must be a whole number from 1 to " + config.maxPageSize())))
        .exception();
  }
}
