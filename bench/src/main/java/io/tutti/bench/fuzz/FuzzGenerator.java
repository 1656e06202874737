package io.tutti.bench.fuzz;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Makes fuzz case {@code n} of a seed. Each case draws from its own random source, seeded from the
 * run's seed and its index alone, so the same seed and targets give byte-identical cases, and one
 * case can be made again without the ones before it ({@code --seed S --case N}).
 */
public final class FuzzGenerator {

  private static final Fixtures FIXTURES = Fixtures.load();

  private final long seed;
  private final WebhookCases webhooks;
  private final ApiCases api;

  public FuzzGenerator(long seed, FuzzTargets targets) {
    this.seed = seed;
    this.webhooks = new WebhookCases(FIXTURES, targets);
    this.api = new ApiCases(targets);
  }

  /** Case {@code index} of this seed. */
  public FuzzCase generate(int index) {
    SplittableRandom random = new SplittableRandom(caseSeed(seed, index));
    Category category = Category.at(random.nextInt(Category.TOTAL_WEIGHT));
    Mutator mutator = new Mutator(random);
    WebhookCases.Draft draft =
        switch (category) {
          case INSTAGRAM, MESSENGER, WHATSAPP -> webhooks.meta(category, mutator);
          case SMS -> webhooks.twilio(mutator);
          case TELEGRAM -> webhooks.telegram(mutator);
          case EMAIL -> webhooks.email(mutator);
          case TRACK -> webhooks.track(mutator);
          default -> api.draft(category, mutator);
        };
    return new FuzzCase(
        seed,
        index,
        category,
        draft.method(),
        draft.target(),
        draft.headers(),
        draft.body(),
        draft.auth(),
        mutator.describe());
  }

  /** Cases {@code 0 … count-1}, made as they are consumed. */
  public Stream<FuzzCase> cases(int count) {
    return IntStream.range(0, count).mapToObj(this::generate);
  }

  /** The category of case {@code index}, without making the case. */
  public static Category categoryOf(long seed, int index) {
    return Category.at(new SplittableRandom(caseSeed(seed, index)).nextInt(Category.TOTAL_WEIGHT));
  }

  /** SplitMix64's finaliser over seed and index: neighbouring indexes get unrelated streams. */
  static long caseSeed(long seed, int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
