package io.tutti.web.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.junit.jupiter.api.Test;

class StrictRequestJsonTest {

  /** A request body as the API takes them: a record read through its creator. */
  record Team(String name, String description) {}

  private final ObjectMapper application = new ObjectMapper();
  private final ObjectMapper strict = StrictRequestJson.strict(application);

  @Test
  void aFieldNamedTwiceIsNotJson() {
    assertThatThrownBy(() -> strict.readValue("{\"name\":\"a\",\"name\":\"b\"}", Team.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("Duplicate field 'name'");
  }

  @Test
  void aNulInAStringIsAnInvalidValueOfThatField() {
    assertThatThrownBy(() -> strict.readValue("{\"name\":\"a\\u0000b\"}", Team.class))
        .isInstanceOfSatisfying(
            InvalidFormatException.class,
            e ->
                assertThat(e.getPath())
                    .extracting(ref -> ref.getFieldName())
                    .containsExactly("name"));
  }

  @Test
  void ordinaryBodiesReadAsBefore() throws Exception {
    assertThat(strict.readValue("{\"name\":\"Sales é 👩\",\"description\":null}", Team.class))
        .isEqualTo(new Team("Sales é 👩", null));
  }

  @Test
  void theApplicationsOwnMapperIsLeftAsItWas() throws Exception {
    assertThat(application.readTree("{\"name\":\"a\",\"name\":\"b\"}").path("name").asText())
        .isEqualTo("b");
    assertThat(application.readValue("\"a\\u0000b\"", String.class)).isEqualTo("a\u0000b");
  }
}
