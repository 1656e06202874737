package io.tutti.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mutations of a raw email (RFC 5322 / MIME), the email webhook's body: broken, missing, doubled
 * and huge headers, undecodable encoded words and charsets, wrong transfer encodings, multipart
 * bodies whose boundaries are missing, unterminated or nested hundreds deep, bare LF line ends, and
 * the byte-level mutations every body gets.
 */
final class EmailMutations {

  private EmailMutations() {}

  static byte[] mutate(String mail, Mutator mutator) {
    String crlf = mail.contains("\r\n") ? "\r\n" : "\n";
    int split = mail.indexOf(crlf + crlf);
    String head = split < 0 ? mail : mail.substring(0, split);
    String body = split < 0 ? "" : mail.substring(split + 2 * crlf.length());
    List<String> headers = new ArrayList<>(Arrays.asList(head.split(crlf, -1)));
    int count = mutator.between(1, 4);
    for (int i = 0; i < count; i++) {
      switch (mutator.between(0, 14)) {
        case 0 -> {
          String name = mutator.pick(List.of("From", "Message-ID", "Date", "Subject", "To"));
          mutator.note("missing-header:" + name);
          headers.removeIf(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1));
        }
        case 1 -> {
          String name = mutator.pick(List.of("From", "Message-ID", "Date", "Subject", "To"));
          mutator.note("hostile-header:" + name);
          headers.removeIf(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1));
          headers.add(name + ": " + oneLine(mutator.hostileString()));
        }
        case 2 -> {
          mutator.note("bad-date");
          headers.removeIf(line -> line.regionMatches(true, 0, "Date:", 0, 5));
          headers.add(
              "Date: "
                  + mutator.pick(
                      List.of(
                          "-1",
                          "Thu, 32 Foo 99999 99:99:99 +9999",
                          "Mon, 1 Jan 1 00:00:00 +0000",
                          "Fri, 31 Dec 9999999 23:59:59 -2400",
                          "")));
        }
        case 3 -> {
          mutator.note("encoded-word");
          headers.add(
              "Subject: "
                  + mutator.pick(
                      List.of(
                          "=?utf-8?B?!!!not base64!!!?=",
                          "=?x-unknown-charset?Q?caf=E9?=",
                          "=?utf-8?Q?=ZZ=?=",
                          "=?utf-8?B?" + "QUFB".repeat(20_000) + "?=",
                          "=?=?=?=?")));
        }
        case 4 -> {
          mutator.note("huge-header");
          headers.add("X-Fuzz: " + "a".repeat(mutator.pick(List.of(1000, 100_000, 900_000))));
        }
        case 5 -> {
          mutator.note("folded-header");
          headers.add("Subject: folded" + (crlf + " ").repeat(5000) + "end");
        }
        case 6 -> {
          mutator.note("header-without-colon");
          headers.add(1, "this is not a header line");
        }
        case 7 -> {
          mutator.note("content-type");
          headers.removeIf(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13));
          headers.add(
              "Content-Type: "
                  + mutator.pick(
                      List.of(
                          "text/plain; charset=x-unknown",
                          "text/;;;",
                          "multipart/mixed",
                          "multipart/mixed; boundary=\"\"",
                          "multipart/alternative; boundary=nonexistent",
                          "application/octet-stream",
                          "message/rfc822",
                          "text/html; charset=utf-7")));
        }
        case 8 -> {
          mutator.note("transfer-encoding");
          headers.removeIf(
              line -> line.regionMatches(true, 0, "Content-Transfer-Encoding:", 0, 26));
          headers.add(
              "Content-Transfer-Encoding: "
                  + mutator.pick(
                      List.of("base64", "quoted-printable", "x-uuencode", "8bit", "??")));
          body = mutator.pick(List.of("!!!*** not base64 ***!!!", "=ZZ=\r\n=", body + "===="));
        }
        case 9 -> {
          int depth = mutator.pick(List.of(50, 500, 3000));
          mutator.note("nested-multipart:" + depth);
          headers.removeIf(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13));
          headers.add("Content-Type: multipart/mixed; boundary=b0");
          StringBuilder nested = new StringBuilder();
          for (int d = 0; d < depth; d++) {
            nested
                .append("--b")
                .append(d)
                .append(crlf)
                .append("Content-Type: multipart/mixed; boundary=b")
                .append(d + 1)
                .append(crlf)
                .append(crlf);
          }
          nested.append("--b").append(depth).append(crlf).append(crlf).append("deep").append(crlf);
          body = nested.toString();
        }
        case 10 -> {
          int parts = mutator.pick(List.of(100, 2000));
          mutator.note("many-parts:" + parts);
          headers.removeIf(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13));
          headers.add("Content-Type: multipart/mixed; boundary=p");
          StringBuilder many = new StringBuilder();
          for (int p = 0; p < parts; p++) {
            many.append("--p")
                .append(crlf)
                .append("Content-Type: application/octet-stream; name=\"f")
                .append(p)
                .append(".bin\"")
                .append(crlf)
                .append("Content-Disposition: attachment; filename=\"f")
                .append(p)
                .append(".bin\"")
                .append(crlf)
                .append(crlf)
                .append("x")
                .append(crlf);
          }
          body = many.toString();
        }
        case 11 -> {
          mutator.note("unterminated-multipart");
          int end = body.lastIndexOf("--");
          body = end > 0 ? body.substring(0, end) : body;
        }
        case 12 -> {
          mutator.note("bare-lf");
          crlf = "\n";
        }
        default -> {
          mutator.note("hostile-body");
          body = mutator.hostileString();
        }
      }
    }
    byte[] bytes =
        (String.join(crlf, headers) + crlf + crlf + body).getBytes(StandardCharsets.UTF_8);
    return mutator.chance(0.2) ? mutator.mutateBytes(bytes) : bytes;
  }

  private static String oneLine(String text) {
    String line = text.replace("\r", " ").replace("\n", " ");
    return line.length() > 5000 ? line.substring(0, 5000) : line;
  }
}
