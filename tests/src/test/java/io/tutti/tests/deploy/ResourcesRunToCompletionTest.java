package io.tutti.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP resource of a service with a database is {@code @RunsToCompletion}: a client that
 * leaves mid-request would otherwise cancel a Hibernate Reactive transaction and lose a pooled
 * connection for good (services/web, io.tutti.web.http).
 */
class ResourcesRunToCompletionTest {

  @Test
  void everyServiceResourceRunsToCompletion() {
    List<Path> resources =
        Modules.serviceSources().stream()
            .filter(file -> file.getFileName().toString().endsWith("Resource.java"))
            .filter(file -> Modules.read(file).contains("@Path("))
            .toList();

    assertThat(resources).hasSizeGreaterThan(30);
    assertThat(resources)
        .allSatisfy(
            file ->
                assertThat(Modules.read(file)).as("%s", file).contains("\n@RunsToCompletion\n"));
  }
}
