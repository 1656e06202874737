package io.tutti.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP resource of a service with a database is {@code @RunsToCompletion}: a client that
 * leaves mid-request would otherwise cancel a Hibernate Reactive transaction and lose a pooled
 * connection for good (services/web, io.tutti.web.http).
 */
class ResourcesRunToCompletionTest {

  @Test
  void everyServiceResourceRunsToCompletion() throws IOException {
    List<Path> resources;
    try (Stream<Path> files = Files.walk(Modules.root().resolve("services"))) {
      resources =
          files
              .filter(file -> file.toString().contains("/src/main/java/"))
              .filter(file -> file.getFileName().toString().endsWith("Resource.java"))
              .filter(file -> read(file).contains("@Path("))
              .toList();
    }

    assertThat(resources).hasSizeGreaterThan(30);
    assertThat(resources)
        .allSatisfy(
            file -> assertThat(read(file)).as("%s", file).contains("\n@RunsToCompletion\n"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
