package io.tutti.tests.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The modules the deploy files run, and what their application.properties say: the one place the
 * deploy tests read a module from. A module is its directory relative to the repository root, as in
 * {@link #APPS}.
 */
final class Modules {

  /** Compose and Helm name → module directory, in the order the modules build. */
  static final Map<String, String> APPS;

  static {
    Map<String, String> apps = new LinkedHashMap<>();
    apps.put("connectors", "services/connectors");
    apps.put("conversations", "services/conversations");
    apps.put("profiles", "services/profiles");
    apps.put("attribution", "services/attribution");
    apps.put("gateway", "gateway");
    APPS = Collections.unmodifiableMap(apps);
  }

  /** Without these an app cannot reach its database, broker, identity provider or upstreams. */
  static final Set<String> INFRASTRUCTURE_VARIABLES =
      Set.of(
          "TUTTI_DB_HOST",
          "TUTTI_DB_NAME",
          "TUTTI_DB_USER",
          "TUTTI_DB_PASSWORD",
          "TUTTI_RABBITMQ_HOST",
          "TUTTI_RABBITMQ_USER",
          "TUTTI_RABBITMQ_PASSWORD",
          "TUTTI_OIDC_URL",
          "TUTTI_CONNECTORS_URL",
          "TUTTI_CONVERSATIONS_URL",
          "TUTTI_PROFILES_URL",
          "TUTTI_ATTRIBUTION_URL");

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(TUTTI_[A-Z0-9_]+)");
  private static final Pattern HTTP_PORT = Pattern.compile("\\$\\{TUTTI_HTTP_PORT:(\\d+)}");

  private Modules() {}

  /** The repository root: Surefire runs in tests/, one below it. */
  static Path root() {
    return Path.of("").toAbsolutePath().getParent();
  }

  /** The Java sources of every service under services/ (src/main/java), in no set order. */
  static List<Path> serviceSources() {
    try (Stream<Path> files = Files.walk(root().resolve("services"))) {
      return files
          .filter(file -> file.toString().contains("/src/main/java/"))
          .filter(file -> file.getFileName().toString().endsWith(".java"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the services' sources", e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The module's src/main/resources/application.properties. */
  static Properties properties(String module) {
    Path file = root().resolve(module).resolve("src/main/resources/application.properties");
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return properties;
  }

  /**
   * The port the module listens on unless TUTTI_HTTP_PORT says otherwise: the default in {@code
   * quarkus.http.port=${TUTTI_HTTP_PORT:NNNN}}, the one form the deploy files are checked against.
   */
  static int httpPort(String module) {
    String value = properties(module).getProperty("quarkus.http.port");
    Matcher port = HTTP_PORT.matcher(value == null ? "" : value);
    if (!port.matches()) {
      throw new IllegalStateException(
          "%s: quarkus.http.port is %s, not ${TUTTI_HTTP_PORT:NNNN}".formatted(module, value));
    }
    return Integer.parseInt(port.group(1));
  }

  /** Every TUTTI_* variable the module's application.properties values refer to as ${TUTTI_…}. */
  static Set<String> referencedVariables(String module) {
    Set<String> names = new TreeSet<>();
    for (Object value : properties(module).values()) {
      Matcher matcher = REFERENCE.matcher(value.toString());
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }
}
