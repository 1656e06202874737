package io.tutti.bench.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FuzzGeneratorTest {

  private static final int CASES = 10_000;
  private static final Set<Category> META =
      Set.of(Category.INSTAGRAM, Category.MESSENGER, Category.WHATSAPP);

  private static FuzzTargets targets;
  private static List<FuzzCase> run;

  @BeforeAll
  static void generateARun() {
    targets = TestTargets.targets();
    run = new FuzzGenerator(42, targets).cases(CASES).toList();
  }

  @Test
  void sameSeedGivesByteIdenticalCases() {
    List<FuzzCase> again = new FuzzGenerator(42, TestTargets.targets()).cases(CASES).toList();

    for (int i = 0; i < CASES; i++) {
      FuzzCase first = run.get(i);
      FuzzCase second = again.get(i);
      assertThat(second.fingerprint()).as("case %d", i).isEqualTo(first.fingerprint());
      assertThat(second.body()).as("case %d", i).isEqualTo(first.body());
      assertThat(second.headers()).as("case %d", i).containsExactlyEntriesOf(first.headers());
      assertThat(second.target()).isEqualTo(first.target());
      assertThat(second.mutations()).isEqualTo(first.mutations());
    }
  }

  @Test
  void aCaseMadeAloneIsTheCaseOfTheRun() {
    FuzzGenerator alone = new FuzzGenerator(42, targets);

    for (int index : List.of(0, 1, 777, 4321, CASES - 1)) {
      assertThat(alone.generate(index).fingerprint()).isEqualTo(run.get(index).fingerprint());
      assertThat(FuzzGenerator.categoryOf(42, index)).isEqualTo(run.get(index).category());
    }
  }

  @Test
  void anotherSeedGivesOtherCases() {
    List<FuzzCase> other = new FuzzGenerator(43, targets).cases(1_000).toList();

    long same = 0;
    for (int i = 0; i < other.size(); i++) {
      if (other.get(i).fingerprint().equals(run.get(i).fingerprint())) {
        same++;
      }
    }
    assertThat(same).isLessThan(10);
  }

  @Test
  void everyCategoryGetsItsShare() {
    Map<Category, Long> counts =
        run.stream()
            .collect(
                Collectors.groupingBy(
                    FuzzCase::category,
                    () -> new EnumMap<>(Category.class),
                    Collectors.counting()));

    assertThat(counts.keySet()).containsExactlyInAnyOrder(Category.values());
    for (Category category : Category.values()) {
      double expected = CASES * category.weight() / (double) Category.TOTAL_WEIGHT;
      assertThat((double) counts.get(category))
          .as(category.label())
          .isBetween(expected * 0.8, expected * 1.2);
    }
  }

  @Test
  void everyFixtureIsAStartingPoint() {
    String all = run.stream().map(FuzzCase::mutations).collect(Collectors.joining(","));

    for (String line :
        new String(resource("fuzz/index.txt"), StandardCharsets.UTF_8).strip().split("\n")) {
      String name = line.substring(line.indexOf('/') + 1);
      assertThat(all).as("fixture %s", line).contains(name);
    }
  }

  @Test
  void everyKindOfMutationOccurs() {
    String all = run.stream().map(FuzzCase::mutations).collect(Collectors.joining(","));

    assertThat(all)
        .contains(
            "wrong-type:",
            "missing:",
            "extra-field",
            "hostile-string:",
            "hostile-number:",
            "bad-time:",
            "deep-nesting:",
            "emptied:",
            "repeated-element:",
            "duplicate-key:",
            "root-type",
            "truncated@",
            "invalid-utf8",
            "raw-nul",
            "raw-control",
            "bom",
            "trailing-garbage",
            "two-documents",
            "empty-body",
            "random-bytes:",
            "lone-surrogate-escape",
            "content-type",
            "bad-signature",
            "bad-secret",
            "bad-site-key",
            "bad-token",
            "bad-id",
            "bad-param",
            "bad-date",
            "handshake",
            "missing-header:",
            "nested-multipart:",
            "encoded-word",
            "bad-escape",
            "num-media");
  }

  @Test
  void mostWebhookCasesAreSignedAndMutated() {
    List<FuzzCase> webhooks =
        run.stream().filter(c -> c.category().lane() != Category.Lane.API).toList();

    double signed =
        webhooks.stream().filter(FuzzCase::credentialed).count() / (double) webhooks.size();
    double mutated =
        webhooks.stream()
                .filter(c -> !c.mutations().equals("none") && !isOnlyFixtureName(c))
                .count()
            / (double) webhooks.size();
    assertThat(signed).isBetween(0.80, 0.90);
    assertThat(mutated).isGreaterThan(0.9);
  }

  @Test
  void signedMetaCasesCarryTheHmacOfTheirFinalBytes() {
    List<FuzzCase> posts =
        run.stream().filter(c -> META.contains(c.category()) && c.method().equals("POST")).toList();
    assertThat(posts).hasSizeGreaterThan(2_000);

    for (FuzzCase fuzzCase : posts) {
      String header = fuzzCase.headers().get("X-Hub-Signature-256");
      String expected =
          "sha256="
              + HexFormat.of()
                  .formatHex(hmac("HmacSHA256", TestTargets.APP_SECRET, fuzzCase.body()));
      if (fuzzCase.credentialed()) {
        assertThat(header).as("case %d", fuzzCase.index()).isEqualToIgnoringCase(expected);
      } else {
        assertThat(header).as("case %d", fuzzCase.index()).isNotEqualToIgnoringCase(expected);
      }
    }
  }

  @Test
  void signedTwilioCasesVerifyAsTwilioSigns() {
    List<FuzzCase> sms = run.stream().filter(c -> c.category() == Category.SMS).toList();
    assertThat(sms).hasSizeGreaterThan(800);
    FuzzTargets.Inbox inbox = targets.inboxes().get("sms");

    int verified = 0;
    for (FuzzCase fuzzCase : sms) {
      String query = fuzzCase.target().substring(inbox.webhookPath().length());
      String expected =
          twilioSignature(
              inbox.webhookUrl() + query, new String(fuzzCase.body(), StandardCharsets.UTF_8));
      String header = fuzzCase.headers().get("X-Twilio-Signature");
      if (fuzzCase.credentialed()) {
        assertThat(header).as("case %d", fuzzCase.index()).isEqualTo(expected);
        verified++;
      } else {
        assertThat(header).as("case %d", fuzzCase.index()).isNotEqualTo(expected);
      }
    }
    assertThat(verified).isGreaterThan(sms.size() * 8 / 10);
  }

  @Test
  void telegramAndEmailCasesCarryTheSecretWhenSigned() {
    for (FuzzCase fuzzCase : run) {
      if (fuzzCase.category() == Category.TELEGRAM) {
        String secret = fuzzCase.headers().get("X-Telegram-Bot-Api-Secret-Token");
        assertThat(TestTargets.TELEGRAM_SECRET.equals(secret)).isEqualTo(fuzzCase.credentialed());
      } else if (fuzzCase.category() == Category.EMAIL) {
        String authorization = fuzzCase.headers().getOrDefault("Authorization", "");
        boolean bearer =
            authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && authorization.substring(7).strip().equals(TestTargets.EMAIL_SECRET);
        assertThat(bearer).as("case %d", fuzzCase.index()).isEqualTo(fuzzCase.credentialed());
      }
    }
  }

  @Test
  void webhookCasesGoToTheFuzzInboxesAndAreReaddressedToThem() {
    for (FuzzCase fuzzCase : run) {
      if (META.contains(fuzzCase.category()) && fuzzCase.method().equals("POST")) {
        String channel = fuzzCase.category().name().toLowerCase(java.util.Locale.ROOT);
        assertThat(fuzzCase.target()).startsWith(targets.inboxes().get(channel).webhookPath());
        // The fixtures' own account ids are the demo inboxes' ids: none may be left.
        String body = new String(fuzzCase.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).doesNotContain("\"17841400000000001\"", "\"1122334455667\"");
      }
    }
  }

  @Test
  void apiCasesNeverDeleteOrReconfigureWhatTheRunKnows() {
    List<String> known = new ArrayList<>(targets.ruleIds());
    known.addAll(targets.teamIds());
    targets.inboxes().values().forEach(inbox -> known.add(inbox.id()));

    List<FuzzCase> risky =
        run.stream()
            .filter(
                c ->
                    c.method().equals("DELETE")
                        || (c.method().equals("PUT") && c.target().startsWith("/api/inboxes/")))
            .toList();
    assertThat(risky).isNotEmpty();
    for (FuzzCase fuzzCase : risky) {
      assertThat(known).noneMatch(id -> fuzzCase.target().contains(id));
    }
  }

  @Test
  void apiCasesMostlyCarryTheAdminToken() {
    List<FuzzCase> api =
        run.stream().filter(c -> c.category().lane() == Category.Lane.API).toList();

    long admin = api.stream().filter(c -> c.auth() == FuzzCase.Auth.ADMIN_TOKEN).count();
    assertThat(admin / (double) api.size()).isBetween(0.88, 0.96);
    assertThat(api)
        .allMatch(c -> c.auth() == FuzzCase.Auth.ADMIN_TOKEN || c.auth() == FuzzCase.Auth.INVALID);
    assertThat(api.stream().filter(c -> c.auth() == FuzzCase.Auth.ADMIN_TOKEN))
        .allMatch(c -> !c.headers().containsKey("Authorization"));
  }

  @Test
  void duplicateKeyCasesHoldAKeyTwice() {
    ObjectMapper lenient = new ObjectMapper();
    ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    int readable = 0;
    int rejectedAsDuplicate = 0;
    for (FuzzCase fuzzCase : run) {
      if (!duplicateKeyIsTheLastTreeMutation(fuzzCase.mutations())) {
        continue;
      }
      try {
        var tree = lenient.readTree(fuzzCase.body());
        if (tree == null || !tree.isContainerNode()) {
          continue;
        }
      } catch (IOException e) {
        // A byte mutation of the same case broke the JSON itself.
        continue;
      }
      readable++;
      try {
        strict.readTree(fuzzCase.body());
      } catch (IOException e) {
        assertThat(e.getMessage()).contains("Duplicate field");
        rejectedAsDuplicate++;
      }
    }
    assertThat(readable).isGreaterThan(100);
    assertThat(rejectedAsDuplicate).isEqualTo(readable);
  }

  @Test
  void deepNestingCasesNestBeyondParserLimits() {
    byte[] deepest =
        run.stream()
            .filter(c -> c.mutations().contains("deep-nesting:"))
            .map(FuzzCase::body)
            .max(Comparator.comparingInt(body -> depth(body)))
            .orElseThrow();

    assertThat(depth(deepest)).isGreaterThan(5_000);
  }

  @Test
  void unchangedCasesAreTheFixturesSignedAsThePlatformSendsThem() {
    FuzzCase unchanged =
        run.stream()
            .filter(
                c -> c.category() == Category.TELEGRAM && isOnlyFixtureName(c) && c.credentialed())
            .findFirst()
            .orElseThrow();

    assertThat(new String(unchanged.body(), StandardCharsets.UTF_8)).contains("\"update_id\":");
    assertThat(unchanged.headers())
        .containsEntry("X-Telegram-Bot-Api-Secret-Token", TestTargets.TELEGRAM_SECRET);
  }

  /** Whether no later tree mutation can have removed or replaced the doubled key. */
  private static boolean duplicateKeyIsTheLastTreeMutation(String mutations) {
    int at = mutations.lastIndexOf("duplicate-key:");
    if (at < 0) {
      return false;
    }
    String later = mutations.substring(at + "duplicate-key:".length());
    return !later.matches(
        ".*(wrong-type|missing:|extra-field|null:|hostile-string|hostile-number|bad-time|deep-nesting|emptied|repeated-element|root-type).*");
  }

  private static boolean isOnlyFixtureName(FuzzCase fuzzCase) {
    return fuzzCase.mutations().matches("[a-z_]+\\.(json|form|eml)");
  }

  private static int depth(byte[] body) {
    int depth = 0;
    int deepest = 0;
    for (byte b : body) {
      if (b == '[' || b == '{') {
        deepest = Math.max(deepest, ++depth);
      } else if (b == ']' || b == '}') {
        depth--;
      }
    }
    return deepest;
  }

  private static String twilioSignature(String url, String body) {
    List<String[]> params = new ArrayList<>();
    for (String pair : body.strip().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] parts = pair.split("=", 2);
      params.add(new String[] {decode(parts[0]), parts.length > 1 ? decode(parts[1]) : ""});
    }
    params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder data = new StringBuilder(url);
    params.forEach(p -> data.append(p[0]).append(p[1]));
    return Base64.getEncoder()
        .encodeToString(
            hmac(
                "HmacSHA1",
                TestTargets.TWILIO_TOKEN,
                data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static byte[] hmac(String algorithm, String key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] resource(String path) {
    try (var in = FuzzGeneratorTest.class.getClassLoader().getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
