package io.tutti.gateway.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the script must say, read from its text: no JavaScript engine is at hand in this build. Only
 * the promises made to the sites and their visitors are checked here.
 */
class TrackingScriptTextTest {

  /** Read in place: the chat widget is connectors', and both must keep one visitor id. */
  private static final Path CHAT_WIDGET =
      Path.of("../services/connectors/src/main/resources/webchat/widget.js");

  @Test
  void keepsTheVisitorIdUnderTheChatWidgetsKeyWithTheSameCheck() throws IOException {
    Matcher widgetCheck =
        Pattern.compile("VISITOR_ID = (/\\^.+\\$/);").matcher(Files.readString(CHAT_WIDGET));
    assertThat(widgetCheck.find()).as("the widget's visitor id check").isTrue();

    assertThat(script())
        .contains("'tutti_aid'")
        .contains("= " + widgetCheck.group(1) + ";")
        .contains("localStorage")
        .contains("document.cookie");
  }

  @Test
  void readsItsKeyAndConsentFromItsTagAndHonoursDoNotTrack() throws IOException {
    assertThat(script())
        .contains("document.currentScript")
        .contains("getAttribute('data-key')")
        .contains("getAttribute('data-consent') !== 'required'")
        .contains("navigator.doNotTrack === '1'")
        .contains("window.doNotTrack === '1'")
        .contains("navigator.globalPrivacyControl");
  }

  private static String script() throws IOException {
    try (InputStream in =
        TrackingScriptTextTest.class.getClassLoader().getResourceAsStream("tracking/tutti.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
