import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends page views to {@code POST /track?key=...} at a fixed rate, whatever the answers take (an
 * open model: a slow answer does not delay the calls due after it, so queueing shows in the
 * latencies), from many visitors ({@code bench-track-RUN-v-N}), each sending {@code views} page
 * views spread over the run. Latency is measured from the moment a call was due.
 *
 * <p>The calls go over {@code connections} kept-alive HTTP/1.1 connections, written and read
 * directly on sockets: on a machine of two cores the load generator has to cost far less than the
 * service it measures. A call that finds every connection busy waits in a queue (its wait counts in
 * its latency); one that would wait more than {@code 5 s} is not sent and counted as such.
 *
 * <pre>
 * java TrackLoad.java URL SITE_KEY SECONDS RATE RUN [VIEWS_PER_VISITOR] [CONNECTIONS]
 * </pre>
 *
 * Prints a human summary, then lines {@code key=value} for scripts (accepted, visitors, ...).
 */
public class TrackLoad {

  private static final String[][] LANDINGS = {
    {"/", "https://www.google.com/"},
    {"/products?utm_source=instagram&utm_medium=paid_social&utm_campaign=instagram-003", null},
    {"/products/blue-shirt", "https://l.instagram.com/"},
    {"/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=email-001", null},
    {"/", null},
    {"/blog/how-we-ship", "https://blog.example.org/best-shops"},
    {"/products?gclid=bench", "https://www.google.com/"},
    {"/contact", "https://lm.facebook.com/"},
  };
  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private record Call(int index, int visitor, long due, byte[] request) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println(
          "usage: java TrackLoad.java URL SITE_KEY SECONDS RATE RUN [VIEWS_PER_VISITOR]"
              + " [CONNECTIONS]");
      System.exit(2);
    }
    URI base = URI.create(args[0].replaceAll("/+$", ""));
    String key = args[1];
    int seconds = Integer.parseInt(args[2]);
    int rate = Integer.parseInt(args[3]);
    String run = args[4];
    int views = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    int connections = args.length > 6 ? Integer.parseInt(args[6]) : 512;
    InetSocketAddress address =
        new InetSocketAddress(base.getHost(), base.getPort() < 0 ? 80 : base.getPort());
    String target = (base.getRawPath() == null ? "" : base.getRawPath()) + "/track?key=" + key;
    String host = base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());

    int total = Math.multiplyExact(seconds, rate);
    // Visitor v sends its views at calls v, v + visitors, v + 2 * visitors, ...: seconds / views
    // apart,
    // well inside one 30-minute session.
    int visitors = Math.max(1, total / views);

    long[] latencyMicros = new long[total];
    Arrays.fill(latencyMicros, -1);
    AtomicIntegerArray acceptedViews = new AtomicIntegerArray(visitors);
    Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    LongAdder accepted = new LongAdder();
    LongAdder skipped = new LongAdder();
    BlockingQueue<Call> queue = new ArrayBlockingQueue<>(Math.max(1024, rate * 6));
    Call end = new Call(-1, -1, 0, null);

    // A short warm-up the figures leave out: connections opened, the service's code paths compiled.
    Thread[] workers = new Thread[connections];
    long[] lastAnswer = new long[connections];
    for (int c = 0; c < connections; c++) {
      int worker = c;
      workers[c] =
          new Thread(
              () -> {
                Connection connection = new Connection(address);
                while (true) {
                  Call call;
                  try {
                    call = queue.take();
                  } catch (InterruptedException e) {
                    return;
                  }
                  if (call == end) {
                    connection.close();
                    return;
                  }
                  if (call.index() >= 0 && System.nanoTime() - call.due() > MAX_WAIT_NANOS) {
                    skipped.increment();
                    count(statuses, "not sent (waited 5 s for a connection)");
                    continue;
                  }
                  String status = connection.send(call.request());
                  long now = System.nanoTime();
                  lastAnswer[worker] = Math.max(lastAnswer[worker], now);
                  if (call.index() >= 0) {
                    latencyMicros[call.index()] = (now - call.due()) / 1000;
                    if (status.equals("202")) {
                      accepted.increment();
                      acceptedViews.incrementAndGet(call.visitor());
                    }
                    count(statuses, status);
                  }
                }
              },
              "track-load-" + c);
      workers[c].setDaemon(true);
      workers[c].start();
    }
    int warmUp = Math.min(rate, 500);
    for (int n = 0; n < warmUp; n++) {
      String visitor = "bench-track-" + run + "-w-" + n;
      queue.put(
          new Call(
              -2, 0, System.nanoTime(), request(target, host, body(visitor, LANDINGS[n % 8]))));
    }
    while (!queue.isEmpty()) {
      Thread.sleep(50);
    }
    Thread.sleep(500);

    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int n = 0; n < total; n++) {
      int visitor = n % visitors;
      byte[] request =
          request(
              target,
              host,
              body(
                  "bench-track-" + run + "-v-" + visitor,
                  LANDINGS[(visitor + n / visitors) % LANDINGS.length]));
      long due = start + n * periodNanos;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (!queue.offer(new Call(n, visitor, due, request))) {
        skipped.increment();
        count(statuses, "not sent (queue full)");
      }
    }
    long sentBy = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      queue.put(end);
    }
    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(60));
    }
    long last = Arrays.stream(lastAnswer).max().orElse(sentBy);
    double sendSeconds = (sentBy - start) / 1e9;
    double answerSeconds = (Math.max(last, sentBy) - start) / 1e9;

    long[] answered = Arrays.stream(latencyMicros).filter(l -> l >= 0).sorted().toArray();
    int visitorsAccepted = 0;
    for (int v = 0; v < visitors; v++) {
      if (acceptedViews.get(v) > 0) {
        visitorsAccepted++;
      }
    }
    Map<String, Long> byStatus = new TreeMap<>();
    statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
    long notAccepted = total - accepted.sum();

    System.out.printf(
        "%d page views due in %.1f s (target %d/s) over %d connections; %d visitors, %d views"
            + " each%n",
        total, sendSeconds, rate, connections, visitors, views);
    System.out.printf(
        "accepted (202): %d = %.0f/s over the %.1f s until the last answer%n",
        accepted.sum(), accepted.sum() / answerSeconds, answerSeconds);
    System.out.printf(
        "latency from due time: p50 %.1f  p99 %.1f  max %.1f ms%n",
        percentile(answered, 0.50), percentile(answered, 0.99), percentile(answered, 1.0));
    System.out.println(
        "answers: " + byStatus + (notAccepted == 0 ? "" : ", " + notAccepted + " not 202"));
    System.out.println("accepted=" + accepted.sum());
    System.out.println("not_accepted=" + notAccepted);
    System.out.println("visitors_accepted=" + visitorsAccepted);
    System.out.printf("accepted_per_second=%.0f%n", accepted.sum() / answerSeconds);
    System.out.printf(
        "p50_ms=%.1f%np99_ms=%.1f%n", percentile(answered, 0.50), percentile(answered, 0.99));
  }

  private static String body(String visitor, String[] landing) {
    return "{\"type\":\"page\",\"anonymousId\":\""
        + visitor
        + "\",\"url\":\"https://shop.example.com"
        + landing[0]
        + "\""
        + (landing[1] == null ? "" : ",\"referrer\":\"" + landing[1] + "\"")
        + "}";
  }

  private static byte[] request(String target, String host, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + target
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + content.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] request = Arrays.copyOf(head, head.length + content.length);
    System.arraycopy(content, 0, request, head.length, content.length);
    return request;
  }

  private static void count(Map<String, LongAdder> statuses, String status) {
    statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
  }

  private static double percentile(long[] sortedMicros, double p) {
    if (sortedMicros.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sortedMicros.length - 1, Math.floor(sortedMicros.length * p));
    return sortedMicros[index] / 1000.0;
  }

  /** One kept-alive HTTP/1.1 connection, opened again when the server closes it or it fails. */
  private static final class Connection {

    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Connection(InetSocketAddress address) {
      this.address = address;
    }

    /** Sends one request and reads its whole response: the status code, or the failure's name. */
    String send(byte[] request) {
      try {
        if (socket == null) {
          socket = new Socket();
          socket.setTcpNoDelay(true);
          socket.connect(address, 5000);
          socket.setSoTimeout(30_000);
          in = new BufferedInputStream(socket.getInputStream(), 8192);
          out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        return read();
      } catch (IOException e) {
        close();
        return e.getClass().getSimpleName();
      }
    }

    private String read() throws IOException {
      String statusLine = line();
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not an HTTP response: " + statusLine);
      }
      long length = 0;
      boolean chunked = false;
      boolean closing = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = header.substring(0, colon).trim().toLowerCase();
        String value = header.substring(colon + 1).trim().toLowerCase();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.contains("chunked");
          case "connection" -> closing = value.contains("close");
          default -> {}
        }
      }
      if (chunked) {
        for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
            size > 0;
            size = Long.parseLong(line().split(";")[0].trim(), 16)) {
          skip(size);
          line();
        }
        while (!line().isEmpty()) {
          // trailers
        }
      } else {
        skip(length);
      }
      if (closing) {
        close();
      }
      return parts[1];
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    private void skip(long bytes) throws IOException {
      long left = bytes;
      while (left > 0) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new IOException("connection closed");
          }
          skipped = 1;
        }
        left -= skipped;
      }
    }

    void close() {
      try {
        if (socket != null) {
          socket.close();
        }
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }
}
