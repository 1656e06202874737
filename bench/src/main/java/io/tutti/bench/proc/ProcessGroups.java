package io.tutti.bench.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which processes make up each name the report shows, and reading their figures from {@code /proc}.
 * A launcher-started component is its pid file's process and every descendant (a start script may
 * fork its JVM); PostgreSQL is every {@code postgres} process (one per connection) and RabbitMQ its
 * Erlang VM, wherever they were started; {@code bench} is this JVM.
 *
 * <p>Pid files are re-read at every sample, so a component restarted mid-run is followed.
 */
final class ProcessGroups {

  static final String POSTGRESQL = "postgresql";
  static final String RABBITMQ = "rabbitmq";
  static final String BENCH = "bench";

  private final Path proc;
  private final Path pidDirectory;
  private final long benchPid;

  ProcessGroups(Path proc, Path pidDirectory, long benchPid) {
    this.proc = proc;
    this.pidDirectory = pidDirectory;
    this.benchPid = benchPid;
  }

  /** Every group's processes as they are now. */
  Map<String, GroupSample> sample() {
    var all = readAll();
    var members = members(all, readPidFiles(), benchPid);
    var ticks = new HashMap<Long, Long>();
    all.forEach(p -> ticks.put(p.pid(), p.cpuTicks()));
    var groups = new TreeMap<String, GroupSample>();
    members.forEach(
        (name, pids) -> {
          var byPid = new HashMap<Long, Long>();
          long resident = 0;
          for (long pid : pids) {
            byPid.put(pid, ticks.get(pid));
            resident += residentBytes(pid);
          }
          groups.put(name, new GroupSample(byPid, resident));
        });
    return groups;
  }

  /**
   * The pids behind each name. A name whose process is gone gets no entry, so it is not reported at
   * zero as if it had been idle.
   */
  static Map<String, Set<Long>> members(
      List<ProcStat> all, Map<String, Long> launcherPids, long benchPid) {
    var children = new HashMap<Long, List<Long>>();
    var alive = new HashSet<Long>();
    for (var process : all) {
      alive.add(process.pid());
      children.computeIfAbsent(process.parentPid(), p -> new ArrayList<>()).add(process.pid());
    }
    var members = new LinkedHashMap<String, Set<Long>>();
    launcherPids.forEach(
        (name, root) -> {
          if (alive.contains(root)) {
            members.put(name, withDescendants(root, children));
          }
        });
    putIfAny(members, POSTGRESQL, all, "postgres");
    putIfAny(members, RABBITMQ, all, "beam.smp");
    if (alive.contains(benchPid)) {
      members.put(BENCH, Set.of(benchPid));
    }
    return members;
  }

  private static Set<Long> withDescendants(long root, Map<Long, List<Long>> children) {
    var found = new HashSet<Long>();
    var pending = new ArrayList<Long>(List.of(root));
    while (!pending.isEmpty()) {
      long pid = pending.removeLast();
      if (found.add(pid)) {
        pending.addAll(children.getOrDefault(pid, List.of()));
      }
    }
    return found;
  }

  private static void putIfAny(
      Map<String, Set<Long>> members, String name, List<ProcStat> all, String command) {
    var pids = new HashSet<Long>();
    all.stream().filter(p -> p.command().equals(command)).forEach(p -> pids.add(p.pid()));
    if (!pids.isEmpty()) {
      members.put(name, pids);
    }
  }

  private List<ProcStat> readAll() {
    var all = new ArrayList<ProcStat>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (var entry : entries) {
        try {
          all.add(ProcStat.parse(Files.readString(entry.resolve("stat"))));
        } catch (IOException | IllegalArgumentException e) {
          // It exited between the listing and the read.
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + proc, e);
    }
    return all;
  }

  private long residentBytes(long pid) {
    try {
      return ProcStat.residentBytes(
          Files.readString(proc.resolve(Long.toString(pid)).resolve("status")));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private Map<String, Long> readPidFiles() {
    var pids = new TreeMap<String, Long>();
    if (!Files.isDirectory(pidDirectory)) {
      return pids;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pidDirectory, "*.pid")) {
      for (var file : files) {
        String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
        try {
          pids.put(name, Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
          // Being written or removed by the launcher right now; the next sample sees it.
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + pidDirectory, e);
    }
    return pids;
  }
}
