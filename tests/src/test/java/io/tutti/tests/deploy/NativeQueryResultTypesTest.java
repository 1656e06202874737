package io.tutti.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No service runs a native query typed with a basic Java class ({@code createNativeQuery(sql,
 * Long.class)}): Hibernate 7.1 gives such a query a result builder without equals, so its query
 * plan is never found again and every call adds one to the plan cache. The cache then holds
 * thousands of copies of the same SQL in one hash bucket, every lookup compares them all, and the
 * plans of every other query are evicted. Untyped ({@code session.<Long>createNativeQuery(sql)}),
 * entity-typed and {@code Object[].class} queries are cached as they should be.
 */
class NativeQueryResultTypesTest {

  private static final Pattern BASIC_TYPED =
      Pattern.compile(
          "createNativeQuery\\((?:[^;]*?),\\s*(Long|Integer|Short|String|UUID|Boolean|Instant"
              + "|OffsetDateTime|LocalDate|LocalDateTime|BigDecimal|Double|Float)\\.class\\)");

  @Test
  void noNativeQueryIsTypedWithABasicClass() {
    List<Path> sources =
        Modules.serviceSources().stream()
            .filter(file -> Modules.read(file).contains("createNativeQuery("))
            .toList();

    assertThat(sources).hasSizeGreaterThan(20);
    assertThat(sources)
        .allSatisfy(file -> assertThat(basicTyped(Modules.read(file))).as("%s", file).isEmpty());
  }

  @Test
  void theCheckFindsABasicTypedQuery() {
    assertThat(
            basicTyped(
                "session\n    .createNativeQuery(\n        \"select count(*) from t\",\n"
                    + "        Long.class)\n    .getSingleResult();"))
        .containsExactly("Long");
    assertThat(basicTyped("session.<Long>createNativeQuery(\"select count(*) from t\");"))
        .isEmpty();
    assertThat(basicTyped("session.createNativeQuery(sql, OutboxEvent.class);")).isEmpty();
  }

  private static List<String> basicTyped(String source) {
    Matcher matcher = BASIC_TYPED.matcher(source);
    return matcher.results().map(result -> result.group(1)).toList();
  }
}
