package io.tutti.connectors.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real platform payloads in {@code ../shared/fixtures/channels/} beside the repository (or
 * {@code TUTTI_FIXTURES}), read byte for byte: signatures are computed over exactly these bytes.
 */
public final class Fixtures {

  private static final Path ROOT = locate();

  private Fixtures() {}

  public static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(ROOT.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path locate() {
    String configured = System.getenv("TUTTI_FIXTURES");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw"))) {
        Path fixtures = dir.resolveSibling("shared").resolve("fixtures").resolve("channels");
        if (Files.isDirectory(fixtures)) {
          return fixtures;
        }
      }
    }
    throw new IllegalStateException(
        "Channel fixtures not found: expected ../shared/fixtures/channels beside the repository,"
            + " or set TUTTI_FIXTURES");
  }
}
