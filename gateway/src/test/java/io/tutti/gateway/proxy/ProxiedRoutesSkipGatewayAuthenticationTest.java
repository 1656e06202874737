package io.tutti.gateway.proxy;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With the gateway's bearer-token authentication switched on (a local signing key instead of
 * Keycloak), as in production: a webhook's shared-secret bearer is no token the gateway could
 * validate, yet it must reach connectors untouched.
 */
@QuarkusTest
@TestProfile(ProxiedRoutesSkipGatewayAuthenticationTest.TokensChecked.class)
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class ProxiedRoutesSkipGatewayAuthenticationTest {

  /** OIDC on, verifying tokens against a fresh key no token here is signed with. */
  public static class TokensChecked implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // Without an auth-server-url, OIDC verifies tokens with the public key alone.
      return Map.of(
          "quarkus.oidc.tenant-enabled", "true",
          "quarkus.oidc.application-type", "service",
          "quarkus.oidc.auth-server-url", "",
          "quarkus.oidc.public-key", freshPublicKey());
    }

    private static String freshPublicKey() {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Base64.getEncoder()
            .encodeToString(generator.generateKeyPair().getPublic().getEncoded());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  FakeServices.Running services;

  @Test
  void gatewayRejectsTheSharedSecretOnItsOwnRoutes() {
    given()
        .header("Authorization", "Bearer not-a-jwt")
        .when()
        .get("/api/me")
        .then()
        .statusCode(401);
  }

  @Test
  void emailWebhookBearerSecretReachesConnectorsUntouched() {
    String uri = "/webhooks/email/" + UUID.randomUUID();

    given()
        .header("Authorization", "Bearer not-a-jwt")
        .contentType("message/rfc822")
        .body("From: customer@example.test\r\nSubject: hi\r\n\r\nHello".getBytes(UTF_8))
        .when()
        .post(uri)
        .then()
        .statusCode(200)
        .header("X-Served-By", "connectors");

    assertThat(
            services
                .get("connectors")
                .received(uri)
                .orElseThrow()
                .headers()
                .getAll("Authorization"))
        .containsExactly("Bearer not-a-jwt");
  }

  @Test
  void anInvalidTokenOnAnApiRouteIsLeftForTheServiceToJudge() {
    given()
        .header("Authorization", "Bearer expired.or.forged")
        .when()
        .get("/api/conversations")
        .then()
        .statusCode(200)
        .header("X-Served-By", "conversations");
  }
}
