package io.tutti.bench.pipeline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The platforms' send APIs (Graph for Messenger and WhatsApp, Instagram, Twilio, Telegram) at the
 * address connectors are pointed at ({@code TUTTI_FAKE_PLATFORMS_URL}), answering as each
 * documents, and counting every bench reply it receives by its sequence number: a reply received
 * twice is a double send.
 */
final class FakePlatforms implements AutoCloseable {

  private static final byte[] MARK = "bench-reply-".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final Ledger ledger;
  private final AtomicLong ids = new AtomicLong();
  final LongAdder otherCalls = new LongAdder();

  FakePlatforms(URI address, Ledger ledger) throws IOException {
    this.ledger = ledger;
    server = HttpServer.create(new InetSocketAddress(address.getHost(), address.getPort()), 512);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::answer);
    server.start();
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    count(body);
    String path = exchange.getRequestURI().getPath();
    long id = ids.incrementAndGet();
    String json;
    int status = 200;
    if (path.startsWith("/telegram/") && path.endsWith("/sendMessage")) {
      json =
          "{\"ok\":true,\"result\":{\"message_id\":"
              + id
              + ",\"date\":"
              + System.currentTimeMillis() / 1000
              + ",\"chat\":{\"id\":1,\"type\":\"private\"}}}";
    } else if (path.startsWith("/twilio/") && path.endsWith("/Messages.json")) {
      status = 201;
      json = "{\"sid\":\"SM" + "%032x".formatted(id) + "\",\"status\":\"queued\"}";
    } else if (path.contains("/" + BenchSetup.PHONE_NUMBER_ID + "/messages")) {
      json =
          "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
              + "\"messages\":[{\"id\":\"wamid.bench-out-"
              + id
              + "\"}]}";
    } else if (path.endsWith("/messages")) {
      json = "{\"recipient_id\":\"x\",\"message_id\":\"m_bench-out-" + id + "\"}";
    } else {
      otherCalls.increment();
      json = "{}";
    }
    byte[] answer = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  /** The sequence number after "bench-reply-" in a request body, JSON or form-encoded. */
  private void count(byte[] body) {
    int at = indexOf(body, MARK);
    if (at < 0) {
      return;
    }
    int seq = 0;
    int digits = 0;
    for (int i = at + MARK.length; i < body.length && body[i] >= '0' && body[i] <= '9'; i++) {
      seq = seq * 10 + (body[i] - '0');
      digits++;
    }
    if (digits > 0 && seq < ledger.capacity()) {
      ledger.repliesReceived.incrementAndGet(seq);
    }
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
