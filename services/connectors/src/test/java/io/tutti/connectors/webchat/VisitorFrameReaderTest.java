package io.tutti.connectors.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class VisitorFrameReaderTest {

  private final VisitorFrameReader reader = new VisitorFrameReader(new ObjectMapper(), 5000);

  @Test
  void messageIsReadWithItsDetailsCleanedAndTrimmed() {
    VisitorFrame frame =
        reader.read(
            """
            {"type":"message","id":"m-1","text":"  hi\\u0000 there \\ud800 ","name":" Joana ",
             "email":" joana@example.com ","page":{"url":"https://shop.example/","title":"Shop"},
             "sentBy":"a newer widget"}\
            """);

    assertThat(frame)
        .isEqualTo(
            new VisitorFrame.Message(
                "m-1",
                "hi there \uFFFD",
                "Joana",
                "joana@example.com",
                new VisitorFrame.Page("https://shop.example/", null, "Shop")));
  }

  @Test
  void blankDetailsAreNoDetails() {
    VisitorFrame frame =
        reader.read(
            "{\"type\":\"message\",\"id\":\"m-1\",\"text\":\"hi\",\"name\":\" \",\"email\":\"\","
                + "\"page\":null}");

    assertThat(frame).isEqualTo(new VisitorFrame.Message("m-1", "hi", null, null, null));
  }

  @Test
  void overlongPageDetailsAreCutRatherThanRefused() {
    VisitorFrame.Message frame =
        (VisitorFrame.Message)
            reader.read(
                "{\"type\":\"message\",\"id\":\"m-1\",\"text\":\"hi\",\"page\":{\"url\":\"https://x.example/"
                    + "a".repeat(5000)
                    + "\",\"title\":\""
                    + "t".repeat(600)
                    + "\"}}");

    assertThat(frame.page().url()).hasSize(VisitorFrameReader.MAX_URL);
    assertThat(frame.page().title()).hasSize(VisitorFrameReader.MAX_TITLE);
  }

  @Test
  void textAtTheLimitPassesAndOneMoreIsRefused() {
    String atLimit = "é".repeat(5000);

    assertThat(reader.read(ChatClient.message("m-1", atLimit).encode()))
        .extracting(frame -> ((VisitorFrame.Message) frame).text())
        .isEqualTo(atLimit);
    assertThatThrownBy(() -> reader.read(ChatClient.message("m-2", atLimit + "é").encode()))
        .isInstanceOfSatisfying(
            InvalidFrameException.class,
            e -> {
              assertThat(e.code()).isEqualTo("text-too-long");
              assertThat(e.id()).isEqualTo("m-2");
            });
  }

  @Test
  void overlongNameIsRefused() {
    assertThatThrownBy(
            () ->
                reader.read(ChatClient.message("m-1", "hi").put("name", "n".repeat(201)).encode()))
        .isInstanceOfSatisfying(
            InvalidFrameException.class, e -> assertThat(e.code()).isEqualTo("invalid-field"));
  }

  @Test
  void pingIsAPing() {
    assertThat(reader.read("{\"type\":\"ping\"}")).isEqualTo(new VisitorFrame.Ping());
  }
}
