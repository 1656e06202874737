package io.tutti.connectors.webchat;

/**
 * A visitor frame Tutti cannot take. The socket answers it with an error frame and stays open: one
 * bad frame from a buggy or stale widget must not cut the visitor off.
 */
public final class InvalidFrameException extends RuntimeException {

  private final String code;
  private final String id;

  InvalidFrameException(String code, String id, String message) {
    super(message, null, false, false);
    this.code = code;
    this.id = id;
  }

  /** A stable, machine-readable reason such as {@code text-too-long}. */
  public String code() {
    return code;
  }

  /** The message id the frame carried, when it had a valid one; null otherwise. */
  public String id() {
    return id;
  }
}
