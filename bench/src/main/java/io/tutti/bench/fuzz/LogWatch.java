package io.tutti.bench.fuzz;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The services' log lines at level ERROR written while the run went on ({@code
 * .tutti/logs/<name>.log}, read from where each file ended when the run began; JSON or plain
 * lines). A fuzzed message that a consumer fails on after the webhook's 200 shows nowhere else: the
 * HTTP answer was already given.
 */
final class LogWatch {

  /** At most this many lines are kept per service; all are counted. */
  static final int KEPT = 20;

  /**
   * ERROR lines of one service.
   *
   * @param count how many were written
   * @param first the first {@link #KEPT} of them, each cut at 400 characters
   */
  record Errors(int count, List<String> first) {}

  private final Path directory;
  private final Map<String, Long> offsets = new TreeMap<>();

  LogWatch(Path directory) {
    this.directory = directory;
  }

  /** Remembers where every log ends now. */
  LogWatch start() {
    for (Path log : logs()) {
      try {
        offsets.put(name(log), Files.size(log));
      } catch (IOException e) {
        offsets.put(name(log), 0L);
      }
    }
    return this;
  }

  /** ERROR lines written since {@link #start}, by service; services without any are left out. */
  Map<String, Errors> errorsSince() {
    Map<String, Errors> errors = new TreeMap<>();
    for (Path log : logs()) {
      String name = name(log);
      if (name.equals("keycloak")) {
        continue;
      }
      int count = 0;
      List<String> first = new ArrayList<>();
      try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
        long from = offsets.getOrDefault(name, 0L);
        if (file.length() < from) {
          from = 0;
        }
        file.seek(from);
        byte[] added = new byte[(int) Math.min(file.length() - from, 256L << 20)];
        file.readFully(added);
        for (String line : new String(added, StandardCharsets.UTF_8).split("\n")) {
          if (isError(line)) {
            count++;
            if (first.size() < KEPT) {
              first.add(line.length() > 400 ? line.substring(0, 400) : line);
            }
          }
        }
      } catch (IOException e) {
        continue;
      }
      if (count > 0) {
        errors.put(name, new Errors(count, first));
      }
    }
    return errors;
  }

  /** An ERROR line in either format the services log in: JSON, or Quarkus' plain text. */
  static boolean isError(String line) {
    return line.contains("\"level\":\"ERROR\"") || line.contains(" ERROR [");
  }

  private List<Path> logs() {
    List<Path> logs = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return logs;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.log")) {
      files.forEach(logs::add);
    } catch (IOException e) {
      return logs;
    }
    return logs;
  }

  private static String name(Path log) {
    return log.getFileName().toString().replaceFirst("\\.log$", "");
  }
}
