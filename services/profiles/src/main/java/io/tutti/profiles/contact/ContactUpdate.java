package io.tutti.profiles.contact;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * An edit of a contact. A field left out (or null) stays as it is; an empty string clears it. A
 * {@code handles} list or {@code attributes} object, when given, replaces the contact's whole set.
 *
 * @param language a BCP 47 tag, e.g. {@code ja} or {@code pt-BR}
 * @param country an ISO 3166-1 alpha-2 code, e.g. {@code JP}
 */
public record ContactUpdate(
    @Size(max = 200) String name,
    @Size(max = 2000) String avatarUrl,
    @Size(max = 35) String language,
    @Size(max = 2) String country,
    @Size(max = 200) String city,
    @Size(max = 200) String company,
    @Size(max = 10000) String notes,
    @Size(max = 50) List<@Valid @NotNull HandleInput> handles,
    @Size(max = 100) Map<String, @Valid @NotNull AttributeInput> attributes) {

  /**
   * A handle as typed: a phone number in any common format (read in the workspace's default region
   * without a country code), an email address, or a username on a channel.
   *
   * @param kind phone, email or username
   * @param channel required for a username: the platform it is on
   */
  public record HandleInput(
      @NotBlank String kind,
      @NotBlank @Size(max = 320) String value,
      @Size(max = 30) String channel) {}

  /**
   * A custom attribute.
   *
   * @param type text, number, date ({@code YYYY-MM-DD}), boolean or list (of strings)
   */
  public record AttributeInput(@NotBlank String type, JsonNode value) {}
}
