package io.tutti.bench.proc;

/**
 * One line of {@code /proc/<pid>/stat}, reduced to what the sampler needs. Parsed by hand because
 * the second field, the command name in parentheses, may itself hold spaces and parentheses ({@code
 * (Web Content)}, {@code ((sd-pam))}): only the <em>last</em> closing parenthesis ends it.
 *
 * @param pid the process id
 * @param parentPid the parent's process id
 * @param command the command name ({@code comm}), at most 15 characters as the kernel keeps it
 * @param cpuTicks user plus system CPU time, in clock ticks
 */
public record ProcStat(long pid, long parentPid, String command, long cpuTicks) {

  /** Field numbers as proc(5) counts them, from 1. */
  private static final int STATE = 3;

  private static final int PARENT_PID = 4;
  private static final int USER_TIME = 14;
  private static final int SYSTEM_TIME = 15;

  /**
   * Parses a stat line.
   *
   * @throws IllegalArgumentException when the line is not shaped like one
   */
  public static ProcStat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 1 || close < open) {
      throw new IllegalArgumentException("not a /proc stat line: " + line);
    }
    try {
      long pid = Long.parseLong(line.substring(0, open).trim());
      String command = line.substring(open + 1, close);
      // After the name come fields 3, 4, ... separated by single spaces.
      String[] rest = line.substring(close + 1).trim().split(" +");
      return new ProcStat(
          pid,
          Long.parseLong(rest[PARENT_PID - STATE]),
          command,
          Long.parseLong(rest[USER_TIME - STATE]) + Long.parseLong(rest[SYSTEM_TIME - STATE]));
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a /proc stat line: " + line, e);
    }
  }

  /**
   * The resident set from the {@code VmRSS:} line of {@code /proc/<pid>/status}, in bytes; 0 when
   * there is none (kernel threads, a process exiting).
   */
  public static long residentBytes(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
      }
    }
    return 0;
  }
}
