package io.tutti.connectors.outbound;

import java.time.Duration;

/**
 * Why a reply, or one part of it, did not go out. Thrown through the send's {@code Uni}: the
 * dispatcher retries a transient failure (after {@link #retryAfter()} when the platform named a
 * delay) and fails the reply on any other, with {@link #code()} and {@link #getMessage()} as the
 * reason the agent reads.
 */
public final class SendFailure extends RuntimeException {

  /** What a failure means for the reply and the inbox. */
  public enum Kind {
    /** Worth another attempt: network, 5xx, rate limits. */
    TRANSIENT,
    /** The same request would be refused again: bad recipient, window closed, text too long. */
    PERMANENT,
    /** The platform refused the inbox's credentials: the inbox is unhealthy until fixed. */
    CREDENTIALS,
    /**
     * The send was cut short with no answer from the platform: it may have the message, so it is
     * not retried by itself (that could send it twice); an admin can replay it.
     */
    INTERRUPTED
  }

  private final String code;
  private final Kind kind;
  private final Duration retryAfter;

  private SendFailure(String code, String message, Kind kind, Duration retryAfter) {
    super(message, null, false, false);
    this.code = code;
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public static SendFailure transientFailure(String code, String message) {
    return new SendFailure(code, message, Kind.TRANSIENT, null);
  }

  /** A transient failure after which the platform asked us to wait this long. */
  public static SendFailure retryAfter(String code, String message, Duration wait) {
    return new SendFailure(code, message, Kind.TRANSIENT, wait);
  }

  public static SendFailure permanent(String code, String message) {
    return new SendFailure(code, message, Kind.PERMANENT, null);
  }

  public static SendFailure credentials(String code, String message) {
    return new SendFailure(code, message, Kind.CREDENTIALS, null);
  }

  public static SendFailure interrupted(String code, String message) {
    return new SendFailure(code, message, Kind.INTERRUPTED, null);
  }

  /** The platform's own error code, or one of ours ({@code outside-window}, {@code too-long}…). */
  public String code() {
    return code;
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind == Kind.TRANSIENT;
  }

  /** The delay the platform asked for, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
