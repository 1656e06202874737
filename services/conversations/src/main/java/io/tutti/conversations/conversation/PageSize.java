package io.tutti.conversations.conversation;

import io.tutti.conversations.config.ConversationsConfig;
import io.tutti.web.problem.Problem;
import java.util.List;

/**
 * The {@code limit} of a list request: the configured default, or 1 to the configured maximum. Read
 * from text here, because JAX-RS answers a query parameter it cannot convert with a bare 404.
 */
public final class PageSize {

  private PageSize() {}

  public static int of(String limit, ConversationsConfig config) {
    if (limit == null || limit.isBlank()) {
      return config.defaultPageSize();
    }
    int size;
    try {
      size = Integer.parseInt(limit.strip());
    } catch (NumberFormatException e) {
      throw invalid(config);
    }
    if (size < 1 || size > config.maxPageSize()) {
      throw invalid(config);
    }
    return size;
  }

  private static io.tutti.web.problem.ProblemException invalid(ConversationsConfig config) {
    return Problem.validation(
            List.of(
                new Problem.FieldError(
                    "limit", "must be a whole number from 1 to " + config.maxPageSize())))
        .exception();
  }
}
