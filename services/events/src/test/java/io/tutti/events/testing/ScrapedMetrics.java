package io.tutti.events.testing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's {@code /q/metrics} read the way Prometheus reads it. A test drives a behaviour
 * and then asks for a sample by its exported name and labels, so it checks the value and, with it,
 * the name a dashboard queries (dots become underscores, counters end in {@code _total}, timers in
 * {@code _seconds}).
 */
public final class ScrapedMetrics {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: \\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private ScrapedMetrics() {}

  /**
   * The sum of the samples called {@code name} whose labels include every given pair; 0 when there
   * is none (a meter not registered yet reads as nothing having happened).
   *
   * @param labels name, value, name, value…
   */
  public static double value(String name, String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name, value pairs");
    }
    Map<String, String> wanted = new HashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    double sum = 0;
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(name)) {
        continue;
      }
      Map<String, String> present = new HashMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          present.put(label.group(1), label.group(2));
        }
      }
      if (present.entrySet().containsAll(wanted.entrySet())) {
        sum += Double.parseDouble(sample.group(3));
      }
    }
    return sum;
  }
}
