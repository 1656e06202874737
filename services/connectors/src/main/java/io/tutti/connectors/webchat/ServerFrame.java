package io.tutti.connectors.webchat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/** A frame the server sends to a visitor's widget; {@code type} says which. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type"})
public sealed interface ServerFrame {

  @JsonProperty("type")
  String type();

  /**
   * The message {@code id} is stored; {@code duplicate} when it had been stored before (a resend),
   * which the widget treats the same way.
   */
  record Ack(String id, boolean duplicate) implements ServerFrame {
    @Override
    public String type() {
      return "ack";
    }
  }

  /**
   * A frame was not taken; nothing of it was stored.
   *
   * @param id the message id the frame carried, when it had a valid one
   * @param code a stable reason, e.g. {@code text-too-long}, {@code rate-limited}
   * @param message a sentence for whoever debugs the widget
   */
  record Error(String id, String code, String message) implements ServerFrame {
    @Override
    public String type() {
      return "error";
    }
  }

  /** A file of an agent's reply, as the widget shows it (no platform internals). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FileLink(String type, String url, String name, Long size, String contentType) {

    static FileLink of(io.tutti.events.type.Attachment attachment) {
      return new FileLink(
          attachment.type(),
          attachment.url(),
          attachment.name(),
          attachment.size(),
          attachment.contentType());
    }
  }

  /** The answer to a ping. */
  record Pong() implements ServerFrame {
    @Override
    public String type() {
      return "pong";
    }
  }

  /**
   * An agent's reply, pushed through {@link VisitorConnections}. The widget shows each {@code id}
   * once, so a reply delivered again after a reconnect is harmless.
   *
   * @param authorName the agent's display name, when the workspace shows it
   * @param attachments files of the reply, shown as links (images inline)
   */
  record AgentMessage(
      String id,
      String text,
      String authorName,
      Instant sentAt,
      java.util.List<FileLink> attachments)
      implements ServerFrame {
    @Override
    public String type() {
      return "message";
    }
  }
}
