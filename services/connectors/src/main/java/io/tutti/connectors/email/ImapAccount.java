package io.tutti.connectors.email;

import io.tutti.connectors.inbox.InboxContext;
import io.tutti.connectors.inbox.InboxSettings;

/**
 * Where and as whom one inbox's mailbox is read. Two equal accounts need no reconnection; the
 * password never appears in {@link #toString()}.
 *
 * @param tls implicit TLS ({@code imaps}); without it the connection is plain IMAP
 */
record ImapAccount(String host, int port, String username, boolean tls, String password) {

  private static final int IMAPS_PORT = 993;
  private static final int IMAP_PORT = 143;

  /** The inbox's account, or null when it does not read mail over IMAP. */
  static ImapAccount of(InboxContext inbox) {
    InboxSettings.MailServerSettings imap = inbox.settings().imap();
    String password = inbox.secrets().imapPassword();
    if (imap == null || imap.host() == null || imap.username() == null || password == null) {
      return null;
    }
    // An admin who gives no tls flag but the IMAPS port means TLS.
    boolean tls =
        Boolean.TRUE.equals(imap.tls())
            || (imap.tls() == null && imap.port() != null && imap.port() == IMAPS_PORT);
    int port = imap.port() != null ? imap.port() : tls ? IMAPS_PORT : IMAP_PORT;
    return new ImapAccount(imap.host(), port, imap.username(), tls, password);
  }

  /** The Jakarta Mail store protocol. */
  String protocol() {
    return tls ? "imaps" : "imap";
  }

  /** The account's error text with the password blanked, should a server ever echo it. */
  String redact(String text) {
    if (text == null) {
      return "no detail";
    }
    return password.isEmpty() ? text : text.replace(password, "****");
  }

  @Override
  public String toString() {
    return protocol() + "://" + username + "@" + host + ":" + port;
  }
}
