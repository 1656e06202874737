package io.tutti.connectors.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to a local server whose open connections can be made to go silent: bytes are
 * swallowed but nothing is closed, as when a network path dies without a reset. Connections opened
 * afterwards pass bytes again.
 */
final class SilentableRelay implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final List<Link> links = new CopyOnWriteArrayList<>();

  SilentableRelay(int targetPort) {
    this.targetPort = targetPort;
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofPlatform().daemon().name("silentable-relay").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  void silenceOpenConnections() {
    links.forEach(link -> link.silent = true);
  }

  /**
   * Stops relaying and closes the client side. The server side of each connection is left for the
   * server to close when it stops: GreenMail reports a client vanishing in the middle of an IDLE as
   * an uncaught exception, which Awaitility would count against whichever test is waiting.
   */
  @Override
  public void close() throws IOException {
    server.close();
    for (Link link : links) {
      link.client.close();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        Link link = new Link(client);
        links.add(link);
        Thread.ofPlatform().daemon().start(() -> pump(link, client, upstream, false));
        Thread.ofPlatform().daemon().start(() -> pump(link, upstream, client, true));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Copies bytes until {@code from} ends; only the server's end is passed on to the client. */
  private static void pump(Link link, Socket from, Socket to, boolean closeWhenDone) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (!link.silent) {
          out.write(buffer, 0, read);
          out.flush();
        }
      }
    } catch (IOException e) {
      // The connection ended from one side or the other.
    }
    if (closeWhenDone) {
      try {
        to.close();
      } catch (IOException e) {
        // Already closed.
      }
    }
  }

  private static final class Link {
    private final Socket client;
    private volatile boolean silent;

    private Link(Socket client) {
      this.client = client;
    }
  }
}
