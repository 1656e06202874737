package io.tutti.connectors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

  @Test
  void textWithinTheLimitIsOnePiece() {
    assertThat(TextSplitter.split("  Hello!  ", 10, TextSplitter.Measure.CODE_POINTS, 5, "X"))
        .containsExactly("Hello!");
  }

  @Test
  void longTextIsCutBetweenParagraphsBeforeLinesSentencesOrWords() {
    String first = "First paragraph, which is long enough. It has two sentences.";
    String second = "Second one.";
    assertThat(
            TextSplitter.split(
                first + "\n\n" + second, 70, TextSplitter.Measure.CODE_POINTS, 5, "X"))
        .containsExactly(first, second);
    assertThat(
            TextSplitter.split(
                "One sentence here. Another sentence there.",
                25,
                TextSplitter.Measure.CODE_POINTS,
                5,
                "X"))
        .containsExactly("One sentence here.", "Another sentence there.");
    assertThat(
            TextSplitter.split(
                "alpha beta gamma delta", 11, TextSplitter.Measure.CODE_POINTS, 5, "X"))
        .containsExactly("alpha beta", "gamma delta");
  }

  @Test
  void aWordLongerThanTheLimitIsCutHard() {
    assertThat(TextSplitter.split("abcdefghij", 4, TextSplitter.Measure.CODE_POINTS, 5, "X"))
        .containsExactly("abcd", "efgh", "ij");
  }

  @Test
  void instagramsByteLimitNeverSplitsACharacterAndTelegramCountsUtf16() {
    String emoji = "👕".repeat(300);
    List<String> bytes = TextSplitter.split(emoji, 1000, TextSplitter.Measure.UTF8_BYTES, 5, "X");
    assertThat(bytes)
        .allSatisfy(
            p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1000));
    assertThat(String.join("", bytes)).isEqualTo(emoji);
    assertThat(bytes.getFirst()).hasSize(500);

    List<String> units = TextSplitter.split(emoji, 101, TextSplitter.Measure.UTF16_UNITS, 10, "X");
    assertThat(units).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(101).isEven());
    assertThat(String.join("", units)).isEqualTo(emoji);
  }

  @Test
  void textNeedingMorePiecesThanAllowedIsRefusedWithTheReason() {
    assertThatThrownBy(
            () ->
                TextSplitter.split(
                    "word ".repeat(100), 10, TextSplitter.Measure.CODE_POINTS, 3, "Telegram"))
        .isInstanceOf(SendFailure.class)
        .hasMessage(
            "Telegram takes 10 characters per message; this reply would need more than 3"
                + " messages. Shorten it.")
        .satisfies(e -> assertThat(((SendFailure) e).code()).isEqualTo("too-long"));
  }
}
