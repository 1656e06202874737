package io.tutti.tests.deploy;

import static io.tutti.tests.deploy.Modules.APPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Each module's src/main/docker/Dockerfile.jvm is written by hand; this keeps it honest against
 * what `./mvnw package` puts in target/quarkus-app and against the module's own port, image name
 * and pom. The COPY checks need the modules packaged first.
 */
class DockerfileTest {

  private static final String DOCKERFILE = "src/main/docker/Dockerfile.jvm";
  private static final String FAST_JAR = "target/quarkus-app/";

  /** The fast-jar layout, in the order that keeps the library layers cached across app changes. */
  private static final List<Copy> FAST_JAR_LAYERS =
      List.of(
          new Copy(List.of(FAST_JAR + "lib/"), "/deployments/lib/"),
          new Copy(List.of(FAST_JAR + "*.jar"), "/deployments/"),
          new Copy(List.of(FAST_JAR + "app/"), "/deployments/app/"),
          new Copy(List.of(FAST_JAR + "quarkus/"), "/deployments/quarkus/"));

  static Stream<String> apps() {
    return APPS.keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void copiesOnlyPathsThatExistInTheFastJarLayout(String app) {
    Path module = packagedModule(app);
    for (Copy copy : dockerfile(app).copies()) {
      for (String source : copy.sources()) {
        if (isGlob(source)) {
          assertThat(matches(module, source))
              .as("%s: COPY %s matches a file", app, source)
              .isNotEmpty();
        } else if (source.endsWith("/")) {
          assertThat(module.resolve(source)).as("%s: COPY %s", app, source).isDirectory();
        } else {
          assertThat(module.resolve(source)).as("%s: COPY %s", app, source).exists();
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void copiesTheFourFastJarLayersLibrariesFirst(String app) {
    assertThat(dockerfile(app).copies())
        .as("%s COPY lines", app)
        .containsSubsequence(FAST_JAR_LAYERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void startsTheQuarkusRunJarTheCopiesPutInPlace(String app) {
    Path module = packagedModule(app);
    Dockerfile dockerfile = dockerfile(app);
    String jar = dockerfile.env().get("JAVA_APP_JAR");
    assertThat(jar).as("%s: JAVA_APP_JAR", app).isNotBlank();
    Path copied =
        dockerfile.copies().stream()
            .map(copy -> copy.sourceOf(module, jar))
            .flatMap(Optional::stream)
            .findFirst()
            .orElseThrow(
                () -> new AssertionError(app + ": no COPY line puts " + jar + " in place"));
    assertThat(copied)
        .as("%s: JAVA_APP_JAR=%s", app, jar)
        .isRegularFile()
        .isEqualTo(module.resolve(FAST_JAR + "quarkus-run.jar"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void runsAsANumericUserOtherThanRoot(String app) {
    List<String> users = dockerfile(app).arguments("USER");
    assertThat(users).as("%s: USER", app).isNotEmpty();
    // The last USER is the one the container runs as; a name would need /etc/passwd to resolve.
    String user = users.getLast();
    assertThat(user).as("%s: USER", app).matches("\\d+(:\\d+)?");
    assertThat(Integer.parseInt(user.split(":")[0])).as("%s: USER uid", app).isNotZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void exposesTheHttpPortOfItsApplicationProperties(String app) {
    List<String> exposed =
        dockerfile(app).arguments("EXPOSE").stream()
            .flatMap(ports -> Arrays.stream(ports.split("\\s+")))
            .map(port -> port.replaceFirst("/tcp$", ""))
            .toList();
    assertThat(exposed)
        .as("%s: EXPOSE", app)
        .containsExactly(String.valueOf(Modules.httpPort(APPS.get(app))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void pinsTheBaseImageToATag(String app) {
    List<String> froms = dockerfile(app).arguments("FROM");
    assertThat(froms).as("%s: FROM", app).isNotEmpty();
    for (String from : froms) {
      String image =
          Arrays.stream(from.split("\\s+"))
              .filter(word -> !word.startsWith("--"))
              .findFirst()
              .orElseThrow();
      String name = image.substring(image.lastIndexOf('/') + 1);
      assertThat(name).as("%s: FROM %s names a tag", app, image).contains(":");
      assertThat(name.substring(name.indexOf(':') + 1))
          .as("%s: FROM %s", app, image)
          .isNotEqualTo("latest");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void sizesTheJvmToTheContainerAndExitsWhenOutOfMemory(String app) {
    Map<String, String> env = dockerfile(app).env();
    assertThat(env.get("JAVA_MAX_MEM_RATIO"))
        .as("%s: JAVA_MAX_MEM_RATIO (run-java.sh's -XX:MaxRAMPercentage)", app)
        .matches("\\d{1,2}(\\.\\d+)?");
    // run-java.sh documents JAVA_OPTS as replacing every option it generates, the heap ratio too.
    assertThat(env).as("%s: ENV", app).doesNotContainKey("JAVA_OPTS");
    assertThat(javaOptions(env))
        .as("%s: JAVA_OPTS_APPEND", app)
        .contains("-XX:+ExitOnOutOfMemoryError")
        .noneMatch(option -> option.startsWith("-Xmx") || option.startsWith("-XX:MaxRAM"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void keepsTemporaryFilesInTmpSoTheRootFilesystemCanBeReadOnly(String app) {
    assertThat(javaOptions(dockerfile(app).env()))
        .as("%s: JAVA_OPTS_APPEND", app)
        .contains("-Djava.io.tmpdir=/tmp");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void buildsTheImageTuttiSlashItsNameFromThisDockerfile(String app) {
    Properties properties = Modules.properties(APPS.get(app));
    assertThat(properties.getProperty("quarkus.container-image.group")).as(app).isEqualTo("tutti");
    assertThat(properties.getProperty("quarkus.container-image.name")).as(app).isEqualTo(app);
    assertThat(properties.getProperty("quarkus.docker.dockerfile-jvm-path"))
        .as(app)
        .isEqualTo(DOCKERFILE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void dependsOnTheDockerContainerImageExtensionAtTheBomVersion(String app) {
    Element extension =
        dependencies(APPS.get(app)).stream()
            .filter(dependency -> "io.quarkus".equals(child(dependency, "groupId")))
            .filter(
                dependency ->
                    "quarkus-container-image-docker".equals(child(dependency, "artifactId")))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError(app + ": pom.xml lacks quarkus-container-image-docker"));
    assertThat(child(extension, "version")).as("%s: version left to the Quarkus BOM", app).isNull();
    assertThat(child(extension, "scope")).as("%s: scope", app).isNull();
  }

  private static List<String> javaOptions(Map<String, String> env) {
    return List.of(env.getOrDefault("JAVA_OPTS_APPEND", "").split("\\s+"));
  }

  /** The module's directory, failing the test when `./mvnw package` has not filled target/. */
  private static Path packagedModule(String app) {
    Path module = Modules.root().resolve(APPS.get(app));
    if (!Files.isDirectory(module.resolve(FAST_JAR))) {
      fail(
          "%s has no %s: run `./mvnw package -DskipTests` at the repository root first",
          APPS.get(app), FAST_JAR);
    }
    return module;
  }

  private static boolean isGlob(String path) {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
  }

  /** The files a COPY source with a glob in its last segment matches, as Docker reads it. */
  private static List<Path> matches(Path module, String source) {
    Path pattern = Path.of(source);
    Path directory = module.resolve(Optional.ofNullable(pattern.getParent()).orElse(Path.of("")));
    assertThat(isGlob(directory.toString()))
        .as("COPY %s: a glob only in the file name", source)
        .isFalse();
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(directory, pattern.getFileName().toString())) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static Dockerfile dockerfile(String app) {
    Path file = Modules.root().resolve(APPS.get(app)).resolve(DOCKERFILE);
    try {
      return Dockerfile.parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The project's own dependencies (not those of dependencyManagement or plugins). */
  private static List<Element> dependencies(String module) {
    Path pom = Modules.root().resolve(module).resolve("pom.xml");
    Element project;
    try {
      project =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(pom.toFile())
              .getDocumentElement();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pom, e);
    } catch (SAXException | ParserConfigurationException e) {
      throw new IllegalStateException("cannot parse " + pom, e);
    }
    List<Element> dependencies = new ArrayList<>();
    for (Element list : children(project, "dependencies")) {
      dependencies.addAll(children(list, "dependency"));
    }
    return dependencies;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        children.add(element);
      }
    }
    return children;
  }

  private static String child(Element parent, String name) {
    List<Element> children = children(parent, name);
    return children.isEmpty() ? null : children.getFirst().getTextContent().trim();
  }

  /** One COPY line: its sources, relative to the build context (the module), and destination. */
  private record Copy(List<String> sources, String destination) {

    /** The file in the module that this COPY puts at {@code target} in the image, if it does. */
    Optional<Path> sourceOf(Path module, String target) {
      if (!destination.endsWith("/") || !target.startsWith(destination)) {
        return sources.size() == 1 && target.equals(destination)
            ? Optional.of(module.resolve(sources.getFirst()))
            : Optional.empty();
      }
      String rest = target.substring(destination.length());
      for (String source : sources) {
        if (source.endsWith("/")) {
          Path file = module.resolve(source).resolve(rest);
          if (Files.exists(file)) {
            return Optional.of(file);
          }
        } else if (!rest.contains("/")) {
          Optional<Path> file =
              (isGlob(source) ? matches(module, source) : List.of(module.resolve(source)))
                  .stream().filter(path -> path.getFileName().toString().equals(rest)).findFirst();
          if (file.isPresent()) {
            return file;
          }
        }
      }
      return Optional.empty();
    }
  }

  private record Instruction(String keyword, String arguments) {}

  /** The instructions of a Dockerfile, continuation lines joined and comments left out. */
  private record Dockerfile(List<Instruction> instructions) {

    private static final Pattern ENV_PAIR =
        Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S+)");

    static Dockerfile parse(List<String> lines) {
      List<Instruction> instructions = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : lines) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        if (trimmed.endsWith("\\")) {
          current.append(trimmed, 0, trimmed.length() - 1).append(' ');
          continue;
        }
        current.append(trimmed);
        String[] parts = current.toString().split("\\s+", 2);
        instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
        current.setLength(0);
      }
      return new Dockerfile(instructions);
    }

    List<String> arguments(String keyword) {
      return instructions.stream()
          .filter(instruction -> instruction.keyword().equals(keyword))
          .map(Instruction::arguments)
          .toList();
    }

    List<Copy> copies() {
      List<Copy> copies = new ArrayList<>();
      for (String arguments : arguments("COPY")) {
        List<String> words = words(arguments);
        List<String> paths = words.stream().filter(word -> !word.startsWith("--")).toList();
        assertThat(paths)
            .as("COPY %s names a source and a destination", arguments)
            .hasSizeGreaterThan(1);
        copies.add(new Copy(paths.subList(0, paths.size() - 1), paths.getLast()));
      }
      return copies;
    }

    /** ENV in both forms: KEY=value pairs (values may be quoted), or the legacy KEY value. */
    Map<String, String> env() {
      Map<String, String> env = new LinkedHashMap<>();
      for (String arguments : arguments("ENV")) {
        String[] legacy = arguments.split("\\s+", 2);
        if (!legacy[0].contains("=")) {
          env.put(legacy[0], legacy.length > 1 ? legacy[1] : "");
          continue;
        }
        Matcher pair = ENV_PAIR.matcher(arguments);
        while (pair.find()) {
          env.put(pair.group(1), unquote(pair.group(2)));
        }
      }
      return env;
    }

    /** Shell form split on blanks, or the JSON array form. */
    private static List<String> words(String arguments) {
      if (arguments.startsWith("[")) {
        try {
          return new ObjectMapper().readValue(arguments, new TypeReference<List<String>>() {});
        } catch (IOException e) {
          throw new IllegalStateException("not a JSON array: " + arguments, e);
        }
      }
      return List.of(arguments.split("\\s+"));
    }

    private static String unquote(String value) {
      boolean quoted =
          value.length() > 1
              && (value.startsWith("\"") && value.endsWith("\"")
                  || value.startsWith("'") && value.endsWith("'"));
      return quoted ? value.substring(1, value.length() - 1) : value;
    }
  }
}
