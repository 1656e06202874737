package io.tutti.web.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a path or query parameter holding NUL ({@code %00}) before any endpoint sees it: no Tutti
 * parameter is meant to hold one, and one that reached a query answered 500, as PostgreSQL stores
 * and compares no NUL in text ("invalid byte sequence for encoding UTF8: 0x00").
 */
public class NulParameterFilter {

  @ServerRequestFilter(preMatching = true)
  public Response refuseNul(ContainerRequestContext request) {
    String path = request.getUriInfo().getRequestUri().getRawPath();
    String query = request.getUriInfo().getRequestUri().getRawQuery();
    if (hasNul(path) || hasNul(query)) {
      return Problem.badRequest(
              "A path or query parameter may not contain the NUL character (%00).")
          .toResponse();
    }
    return null;
  }

  static boolean hasNul(String raw) {
    return raw != null && raw.toLowerCase(Locale.ROOT).contains("%00");
  }
}
