package io.tutti.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EdgeFilterTest {

  @Test
  void cookiesOfAnHttpsDeploymentAreSecureOnce() {
    assertThat(EdgeFilter.secured("q_session=abc; Path=/; HTTPOnly; SameSite=Lax"))
        .isEqualTo("q_session=abc; Path=/; HTTPOnly; SameSite=Lax; Secure");
    assertThat(EdgeFilter.secured("a=1; Secure; Path=/")).isEqualTo("a=1; Secure; Path=/");
    assertThat(EdgeFilter.secured("secure=1")).isEqualTo("secure=1; Secure");
  }

  @Test
  void originsCompareWithoutDefaultPortsCaseOrPath() {
    assertThat(EdgeFilter.origin("HTTPS://App.Example.com:443/inbox"))
        .isEqualTo("https://app.example.com");
    assertThat(EdgeFilter.origin("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080");
    assertThat(EdgeFilter.origin("http://localhost:80")).isEqualTo("http://localhost");
  }
}
