package io.tutti.bench.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real platform payloads the webhook cases start from: copies of {@code
 * ../shared/fixtures/channels} (origin and licences in {@code fuzz/SOURCES.md}) on the classpath
 * under {@code fuzz/<folder>/}, listed in {@code fuzz/index.txt} because a jar's folders cannot be
 * listed. Loaded once; the bytes are exactly the fixtures'.
 */
final class Fixtures {

  /** One fixture: its file name and bytes. */
  record Fixture(String name, byte[] bytes) {

    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static final String ROOT = "fuzz/";

  private final Map<String, List<Fixture>> byFolder;

  private Fixtures(Map<String, List<Fixture>> byFolder) {
    this.byFolder = byFolder;
  }

  /** Every fixture of {@code fuzz/index.txt}. */
  static Fixtures load() {
    Map<String, List<Fixture>> byFolder = new LinkedHashMap<>();
    for (String line : new String(read("index.txt"), StandardCharsets.UTF_8).split("\n")) {
      String path = line.strip();
      if (path.isEmpty()) {
        continue;
      }
      String folder = path.substring(0, path.indexOf('/'));
      byFolder
          .computeIfAbsent(folder, ignored -> new ArrayList<>())
          .add(new Fixture(path.substring(folder.length() + 1), read(path)));
    }
    byFolder.replaceAll((folder, fixtures) -> List.copyOf(fixtures));
    return new Fixtures(Map.copyOf(byFolder));
  }

  /** The fixtures of one folder ({@code instagram}, {@code twilio}, {@code email}…), in order. */
  List<Fixture> of(String folder) {
    List<Fixture> fixtures = byFolder.get(folder);
    if (fixtures == null || fixtures.isEmpty()) {
      throw new IllegalStateException("no fixtures under " + ROOT + folder);
    }
    return fixtures;
  }

  private static byte[] read(String path) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + ROOT + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
