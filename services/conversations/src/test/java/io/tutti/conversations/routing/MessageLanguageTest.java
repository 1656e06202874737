package io.tutti.conversations.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageLanguageTest {

  private static final MessageLanguage LANGUAGES = new MessageLanguage();

  @Test
  void scriptDecidesForTextThatIsNotLatin() {
    assertThat(LANGUAGES.detect("価格を教えてください")).isEqualTo("ja");
    assertThat(LANGUAGES.detect("カタカナだけ")).isEqualTo("ja");
    assertThat(LANGUAGES.detect("iPhone 15の価格は?")).isEqualTo("ja");
    assertThat(LANGUAGES.detect("这个多少钱")).isEqualTo("zh");
    assertThat(LANGUAGES.detect("가격이 얼마예요?")).isEqualTo("ko");
    assertThat(LANGUAGES.detect("Сколько это стоит?")).isEqualTo("ru");
    assertThat(LANGUAGES.detect("كم السعر؟")).isEqualTo("ar");
    assertThat(LANGUAGES.detect("ราคาเท่าไหร่")).isEqualTo("th");
    assertThat(LANGUAGES.detect("כמה זה עולה?")).isEqualTo("he");
    assertThat(LANGUAGES.detect("Πόσο κοστίζει;")).isEqualTo("el");
  }

  @Test
  void latinTextIsToldByItsNgramsAndTheSameTextAlwaysGetsTheSameAnswer() {
    String english = "Hello, I would like to know the price of the blue jacket";
    assertThat(LANGUAGES.detect(english)).isEqualTo("en");
    assertThat(LANGUAGES.detect("Bonjour, combien coûte la veste bleue ?")).isEqualTo("fr");
    assertThat(LANGUAGES.detect("Hola, quisiera saber cuánto cuesta la chaqueta azul"))
        .isEqualTo("es");
    assertThat(LANGUAGES.detect("Hallo, ich möchte wissen, was die blaue Jacke kostet"))
        .isEqualTo("de");
    for (int i = 0; i < 3; i++) {
      assertThat(new MessageLanguage().detect(english.repeat(30))).isEqualTo("en");
    }
  }

  @Test
  void whatItCannotTellIsUndetermined() {
    assertThat(LANGUAGES.detect(null)).isEqualTo("und");
    assertThat(LANGUAGES.detect("   ")).isEqualTo("und");
    assertThat(LANGUAGES.detect("ok")).isEqualTo("und");
    assertThat(LANGUAGES.detect("👍👍 12345")).isEqualTo("und");
  }
}
