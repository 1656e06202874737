package io.tutti.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * helm/examples is the infrastructure the chart runs against on Kubernetes, written by hand for the
 * RabbitMQ, CloudNativePG and Keycloak operators. This keeps it equal to what infra/ gives the
 * local system: the same exchanges and policy, one database per service, the same realm without its
 * demo users, and no secret values in the files.
 */
class HelmExamplesTest {

  private static final String RABBITMQ_CLUSTER = "tutti-rabbitmq";
  private static final String POSTGRES_CLUSTER = "tutti-postgres";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
  private static final Pattern INIT_SQL_DATABASES =
      Pattern.compile("unnest\\(ARRAY\\[([^\\]]+)]\\)");
  private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

  /** One YAML document of an example file, with the file it came from for failure messages. */
  private record Manifest(String file, JsonNode body) {

    String kind() {
      return body.path("kind").asText();
    }

    String name() {
      return body.path("metadata").path("name").asText();
    }

    JsonNode spec() {
      return body.path("spec");
    }

    @Override
    public String toString() {
      return file + ": " + kind() + " " + name();
    }
  }

  private static Path root;
  private static List<Manifest> manifests;
  private static JsonNode definitions;
  private static JsonNode infraRealm;

  @BeforeAll
  static void readExamplesAndInfra() throws IOException {
    // Surefire runs in tests/; the repository root is one up.
    root = Path.of("").toAbsolutePath().getParent();
    Path examples = root.resolve("helm/examples");
    assertThat(examples).as("helm/examples at the repository root").isDirectory();
    manifests = new ArrayList<>();
    try (Stream<Path> files = Files.list(examples)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yaml"))
              // values-*.yaml are the chart's values, not manifests (HelmChartTest renders them).
              .filter(f -> !f.getFileName().toString().startsWith("values-"))
              .sorted()
              .toList()) {
        List<JsonNode> documents =
            new YAMLMapper()
                .readerFor(JsonNode.class)
                .<JsonNode>readValues(file.toFile())
                .readAll();
        for (JsonNode document : documents) {
          if (document != null && !document.isNull() && !document.isMissingNode()) {
            manifests.add(new Manifest(file.getFileName().toString(), document));
          }
        }
      }
    }
    assertThat(manifests).as("documents in helm/examples/*.yaml").isNotEmpty();
    ObjectMapper json = new ObjectMapper();
    definitions = json.readTree(root.resolve("infra/rabbitmq/definitions.json").toFile());
    infraRealm = json.readTree(root.resolve("infra/keycloak/tutti-realm.json").toFile());
  }

  @Test
  void everyDocumentNamesItsApiVersionKindAndName() {
    for (Manifest manifest : manifests) {
      assertThat(manifest.body().path("apiVersion").asText())
          .as("%s apiVersion", manifest)
          .isNotBlank();
      assertThat(manifest.kind()).as("%s kind", manifest).isNotBlank();
      assertThat(manifest.name()).as("%s metadata.name", manifest).isNotBlank();
    }
  }

  @Test
  void noExampleCarriesASecretWithAValue() {
    assertThat(manifests)
        .as("Secrets are created by the user, never committed with data")
        .filteredOn(m -> m.kind().equals("Secret"))
        .filteredOn(m -> m.body().has("data") || m.body().has("stringData"))
        .isEmpty();
  }

  @Test
  void rabbitmqClusterRunsThreeReplicasWithQuorumQueuesByDefault() {
    Manifest cluster = single("RabbitmqCluster");
    assertThat(cluster.name()).isEqualTo(RABBITMQ_CLUSTER);
    assertThat(cluster.spec().path("replicas").asInt()).isEqualTo(3);
    assertThat(cluster.spec().path("rabbitmq").path("additionalConfig").asText())
        .containsPattern("(?m)^\\s*default_queue_type\\s*=\\s*quorum\\s*$");
  }

  @Test
  void everyTopologyObjectBelongsToTheTuttiRabbitmqCluster() {
    for (String kind : List.of("User", "Permission", "Exchange", "Policy")) {
      assertThat(all(kind)).as("%s objects", kind).isNotEmpty();
      for (Manifest manifest : all(kind)) {
        assertThat(manifest.spec().path("rabbitmqClusterReference").path("name").asText())
            .as("%s rabbitmqClusterReference", manifest)
            .isEqualTo(RABBITMQ_CLUSTER);
      }
    }
  }

  @Test
  void userTuttiMayConfigureWriteAndReadEverythingOnTheDefaultVhost() {
    Manifest user = single("User");
    assertThat(user.name())
        .as("the operator names its generated Secret <User name>-user-credentials")
        .isEqualTo("tutti");
    assertThat(user.spec().has("importCredentialsSecret")).isFalse();
    JsonNode permission = single("Permission").spec();
    assertThat(permission.path("userReference").path("name").asText()).isEqualTo("tutti");
    assertThat(permission.path("vhost").asText()).isEqualTo("/");
    assertThat(permission.path("permissions"))
        .isEqualTo(
            new ObjectMapper()
                .createObjectNode()
                .put("configure", ".*")
                .put("write", ".*")
                .put("read", ".*"));
  }

  @Test
  void exchangesAreExactlyThoseOfTheInfraDefinitions() {
    Map<String, JsonNode> declared = byField(all("Exchange"), "name");
    List<String> expected = new ArrayList<>();
    for (JsonNode exchange : definitions.path("exchanges")) {
      String name = exchange.path("name").asText();
      expected.add(name);
      JsonNode spec = declared.get(name);
      assertThat(spec).as("an Exchange object for %s", name).isNotNull();
      assertThat(spec.path("type").asText()).as("%s type", name).isEqualTo(text(exchange, "type"));
      assertThat(spec.path("vhost").asText())
          .as("%s vhost", name)
          .isEqualTo(text(exchange, "vhost"));
      assertThat(spec.path("durable").asBoolean())
          .as("%s durable", name)
          .isEqualTo(exchange.path("durable").asBoolean());
      assertThat(spec.path("autoDelete").asBoolean())
          .as("%s autoDelete", name)
          .isEqualTo(exchange.path("auto_delete").asBoolean());
      assertThat(spec.path("arguments"))
          .as("%s arguments", name)
          .isEqualTo(exchange.path("arguments"));
      assertThat(exchange.path("internal").asBoolean())
          .as("%s: the Exchange resource has no 'internal' field, so it must stay false", name)
          .isFalse();
    }
    assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void policiesAreExactlyThoseOfTheInfraDefinitions() {
    Map<String, JsonNode> declared = byField(all("Policy"), "name");
    List<String> expected = new ArrayList<>();
    for (JsonNode policy : definitions.path("policies")) {
      String name = policy.path("name").asText();
      expected.add(name);
      JsonNode spec = declared.get(name);
      assertThat(spec).as("a Policy object for %s", name).isNotNull();
      assertThat(spec.path("pattern").asText())
          .as("%s pattern", name)
          .isEqualTo(text(policy, "pattern"));
      assertThat(spec.path("definition"))
          .as("%s definition", name)
          .isEqualTo(policy.path("definition"));
      assertThat(spec.path("applyTo").asText())
          .as("%s applyTo", name)
          .isEqualTo(text(policy, "apply-to"));
      assertThat(spec.path("priority").asInt())
          .as("%s priority", name)
          .isEqualTo(policy.path("priority").asInt());
      assertThat(spec.path("vhost").asText()).as("%s vhost", name).isEqualTo(text(policy, "vhost"));
    }
    assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void postgresClusterRunsAtLeastThreeInstances() {
    Manifest cluster = single("Cluster");
    assertThat(cluster.name()).isEqualTo(POSTGRES_CLUSTER);
    assertThat(cluster.spec().path("instances").asInt()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void postgresHoldsEachServiceDatabaseOfInitSqlAndKeycloaksOnTheSameCluster() throws IOException {
    JsonNode initdb = single("Cluster").spec().path("bootstrap").path("initdb");
    String serviceOwner = text(initdb, "owner");
    assertThat(serviceOwner).as("initdb owner, the role the services log in as").isEqualTo("tutti");

    List<String> databases = new ArrayList<>(List.of(text(initdb, "database")));
    for (Manifest database : all("Database")) {
      JsonNode spec = database.spec();
      assertThat(spec.path("cluster").path("name").asText())
          .as("%s cluster", database)
          .isEqualTo(POSTGRES_CLUSTER);
      String name = text(spec, "name");
      assertThat(text(spec, "owner"))
          .as("%s owner", database)
          .isEqualTo(name.equals("keycloak") ? "keycloak" : serviceOwner);
      databases.add(name);
    }

    List<String> expected = new ArrayList<>(initSqlDatabases());
    expected.add("keycloak");
    assertThat(databases).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void keycloakLogsInToItsDatabaseWithTheRolePostgresManagesFromTheSameSecret() {
    JsonNode role =
        stream(single("Cluster").spec().path("managed").path("roles"))
            .filter(r -> r.path("name").asText().equals("keycloak"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no managed role keycloak in the Cluster"));
    assertThat(role.path("login").asBoolean()).isTrue();
    assertThat(role.path("passwordSecret").path("name").asText()).isEqualTo("tutti-keycloak-db");

    JsonNode db = single("Keycloak").spec().path("db");
    assertThat(text(db, "vendor")).isEqualTo("postgres");
    assertThat(text(db, "host")).isEqualTo(POSTGRES_CLUSTER + "-rw");
    assertThat(text(db, "database")).isEqualTo("keycloak");
    assertThat(db.path("usernameSecret").path("name").asText()).isEqualTo("tutti-keycloak-db");
    assertThat(db.path("passwordSecret").path("name").asText()).isEqualTo("tutti-keycloak-db");
  }

  @Test
  void keycloakIssuesThePublicHostnameAndAnswersServicesOnItsInternalAddress() {
    JsonNode spec = single("Keycloak").spec();
    assertThat(spec.path("hostname").path("hostname").asText()).startsWith("https://");
    assertThat(spec.path("hostname").path("backchannelDynamic").asBoolean()).isTrue();
    assertThat(spec.path("http").path("httpEnabled").asBoolean()).isTrue();
    assertThat(spec.path("proxy").path("headers").asText()).isEqualTo("xforwarded");
    assertThat(single("KeycloakRealmImport").spec().path("keycloakCRName").asText())
        .isEqualTo(single("Keycloak").name());
  }

  @Test
  void realmImportCarriesNoUsers() {
    assertThat(importedRealm().has("users")).isFalse();
  }

  @Test
  void realmImportKeepsTheRolesClientsMappersAndComponentsOfTheInfraRealm() {
    JsonNode realm = importedRealm();
    assertThat(realm.path("roles")).isEqualTo(infraRealm.path("roles"));
    assertThat(realm.path("components")).isEqualTo(infraRealm.path("components"));

    Map<String, JsonNode> clients = byClientId(realm);
    Map<String, JsonNode> infraClients = byClientId(infraRealm);
    assertThat(clients.keySet()).containsExactlyElementsOf(infraClients.keySet());
    for (var infraClient : infraClients.entrySet()) {
      assertThat(clients.get(infraClient.getKey()).path("protocolMappers"))
          .as("%s protocol mappers", infraClient.getKey())
          .isEqualTo(infraClient.getValue().path("protocolMappers"));
    }
  }

  @Test
  void realmImportKeepsEveryRealmSettingOfTheInfraRealm() {
    // Token and session lifetimes, SSL and brute-force settings: every scalar at the realm's top.
    JsonNode realm = importedRealm();
    infraRealm
        .fields()
        .forEachRemaining(
            field -> {
              if (field.getValue().isValueNode()) {
                assertThat(realm.path(field.getKey()))
                    .as("realm %s", field.getKey())
                    .isEqualTo(field.getValue());
              }
            });
  }

  @Test
  void gatewayClientSecretIsAPlaceholderBoundToTheSecretTuttiOidc() {
    JsonNode spec = single("KeycloakRealmImport").spec();
    for (var client : byClientId(importedRealm()).entrySet()) {
      if (!client.getValue().has("secret")) {
        continue;
      }
      Matcher placeholder = PLACEHOLDER.matcher(text(client.getValue(), "secret"));
      assertThat(placeholder.matches())
          .as("%s secret is a ${VARIABLE} placeholder, never a literal", client.getKey())
          .isTrue();
      JsonNode source = spec.path("placeholders").path(placeholder.group(1)).path("secret");
      assertThat(source.path("name").asText())
          .as("%s secret placeholder %s", client.getKey(), placeholder.group(1))
          .isEqualTo("tutti-oidc");
      assertThat(source.path("key").asText()).isEqualTo("client-secret");
    }
    assertThat(byClientId(importedRealm()).get("tutti-gateway").has("secret"))
        .as("tutti-gateway is confidential and gets its secret from the placeholder")
        .isTrue();
  }

  @Test
  void noRealmImportAddressPointsAtTheLocalMachine() {
    List<String> texts = new ArrayList<>();
    collectTexts(importedRealm(), texts);
    assertThat(texts).noneMatch(t -> t.contains("127.0.0.1") || t.contains("localhost"));

    JsonNode gateway = byClientId(importedRealm()).get("tutti-gateway");
    assertThat(text(gateway, "rootUrl")).startsWith("https://");
    assertThat(stream(gateway.path("redirectUris")).map(JsonNode::asText))
        .isNotEmpty()
        .allMatch(uri -> uri.startsWith("https://"));
    assertThat(gateway.path("attributes").path("post.logout.redirect.uris").asText().split("##"))
        .allMatch(uri -> uri.startsWith("https://"));
  }

  private static List<String> initSqlDatabases() throws IOException {
    String sql = Files.readString(root.resolve("infra/postgres/init.sql"));
    Matcher array = INIT_SQL_DATABASES.matcher(sql);
    assertThat(array.find())
        .as("infra/postgres/init.sql creates its databases from an ARRAY")
        .isTrue();
    List<String> names = new ArrayList<>();
    Matcher quoted = QUOTED.matcher(array.group(1));
    while (quoted.find()) {
      names.add(quoted.group(1));
    }
    assertThat(names).as("databases in infra/postgres/init.sql").isNotEmpty();
    return names;
  }

  private static JsonNode importedRealm() {
    return single("KeycloakRealmImport").spec().path("realm");
  }

  private static List<Manifest> all(String kind) {
    return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  private static Manifest single(String kind) {
    List<Manifest> found = all(kind);
    assertThat(found).as("%s objects in helm/examples", kind).hasSize(1);
    return found.get(0);
  }

  private static Map<String, JsonNode> byField(List<Manifest> objects, String field) {
    return objects.stream()
        .map(Manifest::spec)
        .collect(
            Collectors.toMap(
                spec -> spec.path(field).asText(),
                Function.identity(),
                (a, b) -> {
                  throw new AssertionError("two objects for " + a.path(field).asText());
                },
                LinkedHashMap::new));
  }

  private static Map<String, JsonNode> byClientId(JsonNode realm) {
    Map<String, JsonNode> clients = new LinkedHashMap<>();
    realm.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
    return clients;
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }

  private static String text(JsonNode node, String field) {
    assertThat(node.has(field)).as("field %s in %s", field, node).isTrue();
    return node.path(field).asText();
  }

  private static void collectTexts(JsonNode node, List<String> texts) {
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    node.forEach(child -> collectTexts(child, texts));
  }
}
