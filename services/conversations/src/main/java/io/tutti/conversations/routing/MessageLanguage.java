package io.tutti.conversations.routing;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The language of a customer's message, for {@code message.language}. The script decides first:
 * kana is Japanese, hangul Korean, Han without kana Chinese, and Cyrillic, Arabic, Thai, Hebrew and
 * Greek text is Russian, Arabic, Thai, Hebrew and Greek. Latin text goes to n-gram profiles of a
 * handful of languages (only these are loaded, about 30 KB each), sampled with a fixed seed, so the
 * same text always gets the same answer. What it cannot tell with confidence, short greetings
 * included, is {@code und}.
 */
@Startup
@ApplicationScoped
public class MessageLanguage {

  public static final String UNDETERMINED = "und";

  /** The languages of the Latin script that the n-gram profiles tell apart. */
  static final List<String> LATIN_LANGUAGES = List.of("en", "es", "pt", "fr", "de", "it", "nl");

  /** Text examined: enough to tell a language, bounded so a long email costs no more. */
  private static final int EXAMINED = 1000;

  /** Up to this length every n-gram of a text is scored. */
  private static final int SHORT_TEXT = 100;

  /** Fewer letters than this say too little for the n-grams. */
  private static final int MIN_LATIN_LETTERS = 8;

  private static final double MIN_CONFIDENCE = 0.9;

  private final LanguageDetector detector;
  private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingShortCleanText();

  public MessageLanguage() {
    try {
      detector =
          LanguageDetectorBuilder.create(NgramExtractors.standard())
              .withProfiles(new LanguageProfileReader().read(LATIN_LANGUAGES))
              // Short texts are scored on every n-gram; longer ones on samples drawn from a
              // generator seeded anew for each text, so the same text always gets the same answer.
              // (Every n-gram of a long text drives the scores to the wrong language.)
              .shortTextAlgorithm(SHORT_TEXT)
              .seed(42L)
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("the language profiles cannot be read", e);
    }
  }

  private enum Script {
    KANA,
    HANGUL,
    HAN,
    CYRILLIC,
    ARABIC,
    THAI,
    HEBREW,
    GREEK,
    LATIN
  }

  public String detect(String text) {
    if (text == null || text.isBlank()) {
      return UNDETERMINED;
    }
    String examined = Texts.bounded(text, EXAMINED);
    Map<Script, Integer> letters = letters(examined);
    int total = letters.values().stream().mapToInt(Integer::intValue).sum();
    if (total == 0) {
      return UNDETERMINED;
    }
    if (letters.getOrDefault(Script.KANA, 0) > 0) {
      // Japanese mixes kana with kanji (and often Latin); any kana at all is not Chinese.
      return "ja";
    }
    Script main =
        letters.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    return switch (main) {
      case HANGUL -> "ko";
      case HAN -> "zh";
      case CYRILLIC -> "ru";
      case ARABIC -> "ar";
      case THAI -> "th";
      case HEBREW -> "he";
      case GREEK -> "el";
      case KANA -> "ja";
      case LATIN -> latin(examined, letters.get(Script.LATIN));
    };
  }

  private String latin(String text, int letters) {
    if (letters < MIN_LATIN_LETTERS) {
      return UNDETERMINED;
    }
    List<DetectedLanguage> found = detector.getProbabilities(texts.forText(text));
    if (found.isEmpty() || found.getFirst().getProbability() < MIN_CONFIDENCE) {
      return UNDETERMINED;
    }
    return found.getFirst().getLocale().getLanguage();
  }

  private static Map<Script, Integer> letters(String text) {
    Map<Script, Integer> counts = new EnumMap<>(Script.class);
    text.codePoints()
        .filter(Character::isLetter)
        .forEach(
            cp -> {
              Script script = script(Character.UnicodeScript.of(cp));
              if (script != null) {
                counts.merge(script, 1, Integer::sum);
              }
            });
    return counts;
  }

  private static Script script(Character.UnicodeScript script) {
    return switch (script) {
      case HIRAGANA, KATAKANA -> Script.KANA;
      case HANGUL -> Script.HANGUL;
      case HAN -> Script.HAN;
      case CYRILLIC -> Script.CYRILLIC;
      case ARABIC -> Script.ARABIC;
      case THAI -> Script.THAI;
      case HEBREW -> Script.HEBREW;
      case GREEK -> Script.GREEK;
      case LATIN -> Script.LATIN;
      default -> null;
    };
  }
}
