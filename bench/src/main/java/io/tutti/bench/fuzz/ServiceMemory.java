package io.tutti.bench.fuzz;

import io.tutti.bench.proc.ProcStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of every process the launcher started ({@code .tutti/pids/<name>.pid}): resident set from
 * {@code /proc}, and the Java heap in use right after a full collection ({@code jcmd <pid> GC.run},
 * then {@code GC.heap_info}), which counts what is still reachable and so shows a leak where a heap
 * sampled between collections only shows garbage not yet collected. The JVM is the pid file's
 * process or, where a start script forked it, its first {@code java} descendant.
 */
final class ServiceMemory {

  /**
   * One process at one moment.
   *
   * @param name the pid file's name (gateway, connectors, …)
   * @param pid the JVM's pid
   * @param alive whether it was running
   * @param residentBytes VmRSS
   * @param heapAfterGcBytes heap used after a full GC; -1 when jcmd could not tell
   */
  record Sample(String name, long pid, boolean alive, long residentBytes, long heapAfterGcBytes) {}

  /**
   * A {@code GC.heap_info} line of a generation or region, e.g. {@code Tenured total 43712K, used
   * 26049K}.
   */
  private static final Pattern USED = Pattern.compile("\\btotal\\b.*?\\bused (\\d+)([KMG])");

  private final Path pidDirectory;
  private final Path jcmd;

  ServiceMemory(Path pidDirectory) {
    this.pidDirectory = pidDirectory;
    this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
  }

  /** Every launcher process now, by name; {@code collect} runs a full GC in each JVM first. */
  Map<String, Sample> sample(boolean collect) {
    Map<String, Sample> samples = new TreeMap<>();
    for (var entry : pidFiles().entrySet()) {
      long pid = jvmOf(entry.getValue());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      long heap = -1;
      if (alive && collect) {
        jcmd(pid, "GC.run");
        heap = jcmd(pid, "GC.heap_info").map(ServiceMemory::heapUsed).orElse(-1L);
      }
      samples.put(entry.getKey(), new Sample(entry.getKey(), pid, alive, resident(pid), heap));
    }
    return samples;
  }

  /** The heap in use, in bytes, summed over the generations a {@code GC.heap_info} lists. */
  static long heapUsed(String heapInfo) {
    long used = 0;
    boolean any = false;
    for (String line : heapInfo.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("Metaspace") || trimmed.startsWith("class space")) {
        continue;
      }
      Matcher matcher = USED.matcher(trimmed);
      if (matcher.find()) {
        long value = Long.parseLong(matcher.group(1));
        used +=
            switch (matcher.group(2)) {
              case "G" -> value << 30;
              case "M" -> value << 20;
              default -> value << 10;
            };
        any = true;
      }
    }
    return any ? used : -1;
  }

  private Map<String, Long> pidFiles() {
    Map<String, Long> pids = new TreeMap<>();
    if (!Files.isDirectory(pidDirectory)) {
      return pids;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pidDirectory, "*.pid")) {
      for (Path file : files) {
        try {
          pids.put(
              file.getFileName().toString().replaceFirst("\\.pid$", ""),
              Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
          // Being written by the launcher right now.
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + pidDirectory, e);
    }
    return pids;
  }

  private static long jvmOf(long pid) {
    Optional<ProcessHandle> root = ProcessHandle.of(pid);
    if (root.isEmpty() || isJava(root.get())) {
      return pid;
    }
    return root.get()
        .descendants()
        .filter(ServiceMemory::isJava)
        .findFirst()
        .map(ProcessHandle::pid)
        .orElse(pid);
  }

  private static boolean isJava(ProcessHandle process) {
    return process.info().command().map(command -> command.endsWith("/java")).orElse(false);
  }

  private static long resident(long pid) {
    try {
      return ProcStat.residentBytes(
          Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private Optional<String> jcmd(long pid, String command) {
    try {
      Process process =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
        return Optional.of(output);
      }
      process.destroy();
    } catch (IOException e) {
      // No jcmd here, or the JVM refused to attach: the heap stays unknown.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }
}
