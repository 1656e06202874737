package io.tutti.gateway.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Signs access tokens shaped like Keycloak's for the tutti realm, with the test's own key. */
final class Tokens {

  private final PrivateKey key;

  Tokens(PrivateKey key) {
    this.key = key;
  }

  /** A token of a user of the workspace with the roles, valid for an hour. */
  String of(String userId, String workspace, String... roles) {
    return expiringIn(Duration.ofHours(1), userId, workspace, roles);
  }

  /** A token that expires after {@code lifetime}. */
  String expiringIn(Duration lifetime, String userId, String workspace, String... roles) {
    JsonObject claims =
        new JsonObject()
            .put("sub", userId)
            .put("preferred_username", userId)
            .put("realm_access", new JsonObject().put("roles", new JsonArray(List.of(roles))));
    if (workspace != null) {
      claims.put("workspace", workspace);
    }
    return sign(claims, lifetime);
  }

  private String sign(JsonObject claims, Duration lifetime) {
    long now = Instant.now().getEpochSecond();
    JsonObject body = claims.copy().put("iat", now).put("exp", now + lifetime.toSeconds());
    String signed =
        encode(new JsonObject().put("alg", "RS256").put("typ", "JWT")) + "." + encode(body);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(JsonObject json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
