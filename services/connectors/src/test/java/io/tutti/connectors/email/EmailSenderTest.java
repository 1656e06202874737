package io.tutti.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmailSenderTest {

  @Test
  void subjectIsMarkedAsAReplyOnce() {
    assertThat(EmailSender.subject("Order 1042")).isEqualTo("Re: Order 1042");
    assertThat(EmailSender.subject("RE: Order 1042")).isEqualTo("RE: Order 1042");
    assertThat(EmailSender.subject("AW: Bestellung")).isEqualTo("AW: Bestellung");
    assertThat(EmailSender.subject(null)).isEqualTo("Re: your message");
    assertThat(EmailSender.subject("  ")).isEqualTo("Re: your message");
  }

  @Test
  void referencesEndWithTheMessageRepliedToAndNameEachOnce() {
    assertThat(EmailSender.references(List.of("a@x", "b@x"), "b@x")).isEqualTo("<a@x> <b@x>");
    assertThat(EmailSender.references(List.of("b@x", "a@x"), "b@x")).isEqualTo("<a@x> <b@x>");
    assertThat(EmailSender.references(null, "c@x")).isEqualTo("<c@x>");
    assertThat(EmailSender.references(List.of(), null)).isEmpty();
  }

  @Test
  void htmlPartEscapesTheTextKeepsItsShapeAndLinksUrls() {
    assertThat(EmailSender.html("Hi <b>Ana</b> & co,\nline two\n\nSee https://acme.test/a?b=1&c=2"))
        .isEqualTo(
            "<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>Hi"
                + " &lt;b&gt;Ana&lt;/b&gt; &amp; co,<br>line two</p><p>See <a"
                + " href=\"https://acme.test/a?b=1&amp;c=2\">https://acme.test/a?b=1&amp;c=2</a></p>"
                + "</body></html>");
  }
}
