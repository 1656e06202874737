package io.tutti.connectors.webchat;

/** A frame a visitor's widget sends, once read and checked by {@link VisitorFrameReader}. */
public sealed interface VisitorFrame {

  /** {@code {"type":"ping"}}: answered with a pong, so the widget can tell a dead socket. */
  record Ping() implements VisitorFrame {}

  /**
   * {@code {"type":"message", ...}}: something the visitor wrote.
   *
   * @param id the widget's own id of the message; a resend carries the same one
   * @param name the name the visitor gave, if any
   * @param email the email address the visitor gave, if any
   * @param page where the visitor was when they wrote, if the widget says
   */
  record Message(String id, String text, String name, String email, Page page)
      implements VisitorFrame {}

  /** The page a message was written on. */
  record Page(String url, String referrer, String title) {}
}
