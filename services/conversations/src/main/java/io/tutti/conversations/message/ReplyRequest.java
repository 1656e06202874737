package io.tutti.conversations.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What an agent writes: a reply to the customer, or a private note for the other agents.
 *
 * @param text the message; may be empty only with attachments or a template
 * @param isPrivate {@code "private": true} makes it a note, never sent to the customer
 * @param replyToMessageId the message of the conversation this answers: quoted on the platforms
 *     that show quotes, and the email it replies to
 * @param template WhatsApp only: an approved message template, sent instead of free text
 */
public record ReplyRequest(
    @Size(max = 10_000) String text,
    @JsonProperty("private") Boolean isPrivate,
    @Size(max = 10) List<@Valid @NotNull AttachmentRequest> attachments,
    @Size(max = 36) String replyToMessageId,
    @Valid TemplateRequest template) {

  public boolean note() {
    return Boolean.TRUE.equals(isPrivate);
  }

  /** A file to send, already stored where the platform can fetch it. */
  public record AttachmentRequest(
      @NotBlank @Size(max = 30) String type,
      @NotBlank
          @Size(max = 2048)
          @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
          String url,
      @Size(max = 255) String name) {}

  /**
   * A WhatsApp template approved in Meta's WhatsApp Manager.
   *
   * @param parameters values for {@code {{1}}}, {@code {{2}}}, … of its body, in order
   */
  public record TemplateRequest(
      @NotBlank
          @Size(max = 512)
          @Pattern(regexp = "[a-z0-9_]+", message = "must be lower-case letters, digits and _")
          String name,
      @NotBlank @Size(max = 15) String language,
      @Size(max = 50) List<@NotNull @Size(max = 1024) String> parameters) {}
}
