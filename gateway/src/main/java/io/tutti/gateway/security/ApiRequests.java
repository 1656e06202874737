package io.tutti.gateway.security;

import io.quarkus.oidc.JavaScriptRequestChecker;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells quarkus-oidc that every {@code /api/...} call is a script's, not a page's: without a valid
 * session or token it must not be redirected to Keycloak's sign-in page (a fetch cannot follow
 * that), and {@link EdgeFilter} turns the answer into a 401.
 */
@ApplicationScoped
public class ApiRequests implements JavaScriptRequestChecker {

  @Override
  public boolean isJavaScriptRequest(RoutingContext context) {
    String path = context.request().path();
    return path != null && path.startsWith("/api/");
  }
}
