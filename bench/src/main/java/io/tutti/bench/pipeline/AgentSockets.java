package io.tutti.bench.pipeline;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Agents holding the live socket {@code /api/live} as the web app does, each with their own token:
 * they see what conversations' rules let them see, renew their token before it expires (a new
 * socket resumes from the last event id, then the old one closes), and reconnect the same way when
 * a socket drops. A share of them answers: the first agent to see a chosen customer message replies
 * to its conversation through the API.
 *
 * <p>Frames are read with plain string searches, not a JSON parser: with every event fanned out to
 * a team's twenty sockets, the load generator must cost little next to the system it measures.
 */
final class AgentSockets implements AutoCloseable {

  private static final Duration TOKEN_RENEWAL = Duration.ofMinutes(4);

  private final HttpClient client;
  private final BenchSetup setup;
  private final String liveUrl;
  private final String gateway;
  private final Ledger ledger;
  private final String previewPrefix;
  private final int replyEvery;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final List<Agent> agents = new ArrayList<>();
  private volatile boolean closing;
  private CountDownLatch ready;

  AgentSockets(
      HttpClient client,
      BenchSetup setup,
      String gateway,
      Ledger ledger,
      long run,
      double replyShare) {
    this.client = client;
    this.setup = setup;
    this.gateway = gateway;
    this.liveUrl = gateway.replaceFirst("^http", "ws") + "/api/live";
    this.ledger = ledger;
    this.previewPrefix = "\"preview\":\"bench-" + run + "-";
    this.replyEvery = replyShare <= 0 ? 0 : (int) Math.max(1, Math.round(1 / replyShare));
  }

  /** Opens every agent's socket and waits until each is registered ({@code ready}). */
  void open(List<String> usernames) throws InterruptedException {
    ready = new CountDownLatch(usernames.size());
    long period = TOKEN_RENEWAL.toSeconds();
    for (int i = 0; i < usernames.size(); i++) {
      Agent agent = new Agent(usernames.get(i));
      agents.add(agent);
      agent.connect();
      // Spread over the second half of the token's life, so Keycloak never gets them all at once.
      long first = period / 2 + i * (period / 2) / usernames.size();
      scheduler.scheduleAtFixedRate(agent::renew, first, period, TimeUnit.SECONDS);
    }
    if (!ready.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          ready.getCount() + " of " + usernames.size() + " agent sockets never became ready");
    }
  }

  @Override
  public void close() {
    closing = true;
    scheduler.shutdownNow();
    for (Agent agent : agents) {
      WebSocket socket = agent.socket;
      if (socket != null) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
      }
    }
  }

  private final class Agent {
    private final String username;
    private volatile String token;
    private volatile WebSocket socket;
    private volatile String lastEventId;
    private volatile boolean announcedReady;

    Agent(String username) {
      this.username = username;
    }

    void connect() {
      token = setup.token(username);
      String url =
          lastEventId == null
              ? liveUrl
              : liveUrl + "?lastEventId=" + URLEncoder.encode(lastEventId, StandardCharsets.UTF_8);
      client
          .newWebSocketBuilder()
          .header("Authorization", "Bearer " + token)
          .connectTimeout(Duration.ofSeconds(10))
          .buildAsync(URI.create(url), new Frames(this))
          .whenComplete(
              (opened, failure) -> {
                if (failure != null) {
                  reconnectSoon();
                  return;
                }
                WebSocket previous = socket;
                socket = opened;
                if (previous != null) {
                  previous.sendClose(WebSocket.NORMAL_CLOSURE, "token renewed");
                }
              });
    }

    /** A fresh token before the gateway closes the socket at the old one's expiry. */
    void renew() {
      if (!closing) {
        try {
          connect();
        } catch (RuntimeException e) {
          reconnectSoon();
        }
      }
    }

    void reconnectSoon() {
      if (!closing) {
        ledger.reconnects.increment();
        scheduler.schedule(this::renew, 1, TimeUnit.SECONDS);
      }
    }

    void onFrame(String frame) {
      int id = frame.indexOf("\"id\":\"");
      if (frame.startsWith("{\"type\":\"ready\"")) {
        if (!announcedReady) {
          announcedReady = true;
          ready.countDown();
        }
        return;
      }
      if (frame.startsWith("{\"type\":\"refresh\"")) {
        ledger.refreshes.increment();
        return;
      }
      if (id >= 0) {
        int end = frame.indexOf('"', id + 6);
        if (end > id) {
          lastEventId = frame.substring(id + 6, end);
        }
      }
      if (!frame.contains("\"type\":\"conversation.message-added\"")
          || !frame.contains("\"direction\":\"in\"")) {
        return;
      }
      int at = frame.indexOf(previewPrefix);
      if (at < 0) {
        return;
      }
      int digits = at + previewPrefix.length();
      int stop = digits;
      while (stop < frame.length() && Character.isDigit(frame.charAt(stop))) {
        stop++;
      }
      if (stop == digits) {
        return;
      }
      int seq = Integer.parseInt(frame, digits, stop, 10);
      if (ledger.seen(seq, System.nanoTime())
          && replyEvery > 0
          && seq % replyEvery == 0
          && !frame.contains("\"channel\":\"email\"")) {
        reply(seq, field(frame, "conversationId"));
      }
    }

    private void reply(int seq, String conversationId) {
      if (conversationId == null) {
        return;
      }
      String body = "{\"text\":\"bench-reply-" + seq + " Thanks, we are on it.\"}";
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(gateway + "/api/conversations/" + conversationId + "/messages"))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) -> {
                if (failure == null && response.statusCode() == 202) {
                  ledger.replyAccepted(seq);
                } else {
                  ledger.replyRefusals.increment();
                }
              });
    }
  }

  private static String field(String frame, String name) {
    String key = "\"" + name + "\":\"";
    int at = frame.indexOf(key);
    if (at < 0) {
      return null;
    }
    int end = frame.indexOf('"', at + key.length());
    return end < 0 ? null : frame.substring(at + key.length(), end);
  }

  /** One socket's frames, joined when the gateway splits one. */
  private final class Frames implements WebSocket.Listener {
    private final Agent agent;
    private final StringBuilder partial = new StringBuilder();

    Frames(Agent agent) {
      this.agent = agent;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      try {
        partial.append(data);
        if (last) {
          String frame = partial.toString();
          partial.setLength(0);
          agent.onFrame(frame);
        }
      } finally {
        // Whatever one frame did, the socket goes on reading.
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      if (webSocket == agent.socket) {
        agent.reconnectSoon();
      }
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      if (webSocket == agent.socket) {
        agent.reconnectSoon();
      }
    }
  }
}
