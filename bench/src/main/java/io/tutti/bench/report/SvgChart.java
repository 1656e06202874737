package io.tutti.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart written as one self-contained SVG file, so a benchmark report can show its curves on
 * GitHub and in any browser without a charting library, a build step or a network fetch.
 *
 * <p>Sized for 800×450. Series differ in grey value, dash pattern and marker shape at once, so they
 * stay apart when printed in black and white. Reference lines (a target, a machine limit) are thin,
 * grey and labelled at their right end.
 *
 * @param title shown above the plot
 * @param xLabel under the x axis
 * @param yLabel beside the y axis
 * @param logY a logarithmic y axis, for values spanning decades (latencies); points at or below
 *     zero are left out on it
 * @param series the curves, drawn and listed in the legend in this order
 * @param references horizontal lines across the plot
 */
public record SvgChart(
    String title,
    String xLabel,
    String yLabel,
    boolean logY,
    List<Series> series,
    List<ReferenceLine> references) {

  /** One point of a series. */
  public record Point(double x, double y) {}

  /** One named curve. */
  public record Series(String name, List<Point> points) {}

  /** A horizontal line at {@code y}, labelled. */
  public record ReferenceLine(String label, double y) {}

  static final int WIDTH = 800;
  static final int HEIGHT = 450;

  private static final int LEFT = 78;
  private static final int RIGHT = 24;
  private static final int TOP_TITLE = 26;
  private static final int BOTTOM = 56;
  private static final double CHAR_WIDTH = 6.8;

  private static final Style[] STYLES = {
    new Style("#1a1a1a", "", Marker.CIRCLE),
    new Style("#2b5c8a", "9 4", Marker.SQUARE),
    new Style("#b0652a", "2 4", Marker.TRIANGLE),
    new Style("#9a9a9a", "12 4 3 4", Marker.DIAMOND),
    new Style("#5b7f3a", "5 3 1 3 1 3", Marker.CROSS),
  };

  public SvgChart {
    series = List.copyOf(series);
    references = List.copyOf(references);
  }

  /** Writes the chart to {@code file}, replacing it. */
  public void writeTo(Path file) throws IOException {
    Files.writeString(file, render(), StandardCharsets.UTF_8);
  }

  /** The whole SVG document. */
  public String render() {
    var svg = new StringBuilder();
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    svg.append(
        format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
            WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(format("<title>%s</title>\n", escape(title)));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    svg.append(
        format(
            "<text x=\"%d\" y=\"%d\" font-size=\"16\" font-weight=\"bold\">%s</text>\n",
            LEFT, TOP_TITLE - 6, escape(title)));

    var legend = legendRows(WIDTH - LEFT - RIGHT);
    int top = TOP_TITLE + 10 + legend.size() * 18 + 8;
    var plot = new Plot(LEFT, top, WIDTH - RIGHT, HEIGHT - BOTTOM);
    var x = Axis.linear(xValues(), false);
    var y = logY ? Axis.logarithmic(yValues()) : Axis.linear(yValues(), true);

    appendLegend(svg, legend);
    appendGridAndAxes(svg, plot, x, y);
    for (var reference : references) {
      appendReference(svg, plot, y, reference);
    }
    for (int i = 0; i < series.size(); i++) {
      appendSeries(svg, plot, x, y, series.get(i), STYLES[i % STYLES.length]);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private List<Double> xValues() {
    var values = new ArrayList<Double>();
    series.forEach(s -> s.points().forEach(p -> values.add(p.x())));
    return values;
  }

  private List<Double> yValues() {
    var values = new ArrayList<Double>();
    series.forEach(s -> s.points().forEach(p -> values.add(p.y())));
    references.forEach(r -> values.add(r.y()));
    return logY ? values.stream().filter(v -> v > 0).toList() : values;
  }

  /** Legend entries laid out left to right, wrapping onto a new row when the width runs out. */
  private List<List<Integer>> legendRows(double width) {
    var rows = new ArrayList<List<Integer>>();
    var row = new ArrayList<Integer>();
    double used = 0;
    for (int i = 0; i < series.size(); i++) {
      double entry = legendEntryWidth(series.get(i).name());
      if (!row.isEmpty() && used + entry > width) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      row.add(i);
      used += entry;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  private static double legendEntryWidth(String name) {
    return 40 + name.length() * CHAR_WIDTH + 22;
  }

  private void appendLegend(StringBuilder svg, List<List<Integer>> rows) {
    double rowY = TOP_TITLE + 14;
    for (var row : rows) {
      double at = LEFT;
      for (int i : row) {
        var style = STYLES[i % STYLES.length];
        String name = series.get(i).name();
        svg.append(line(at, rowY, at + 32, rowY, style, 2));
        svg.append(style.marker().draw(at + 16, rowY, style.colour()));
        svg.append(
            format(
                "<text x=\"%.1f\" y=\"%.1f\" fill=\"#222222\">%s</text>\n",
                at + 40, rowY + 4, escape(name)));
        at += legendEntryWidth(name);
      }
      rowY += 18;
    }
  }

  private void appendGridAndAxes(StringBuilder svg, Plot plot, Axis x, Axis y) {
    for (double tick : x.ticks()) {
      double px = plot.x(x, tick);
      svg.append(
          format(
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e4e4e4\"/>\n",
              px, plot.top(), px, plot.bottom()));
      svg.append(
          format(
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333333\"/>\n",
              px, plot.bottom(), px, plot.bottom() + 5));
      svg.append(
          format(
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333333\">%s</text>\n",
              px, plot.bottom() + 19, escape(tickLabel(tick))));
    }
    for (double tick : y.ticks()) {
      double py = plot.y(y, tick);
      svg.append(
          format(
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n",
              plot.left(), py, plot.right(), py));
      svg.append(
          format(
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333333\"/>\n",
              plot.left() - 5, py, plot.left(), py));
      svg.append(
          format(
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#333333\">%s</text>\n",
              plot.left() - 8, py + 4, escape(tickLabel(tick))));
    }
    svg.append(
        format(
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#333333\"/>\n",
            plot.left(), plot.top(), plot.right() - plot.left(), plot.bottom() - plot.top()));
    svg.append(
        format(
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#222222\">%s</text>\n",
            (plot.left() + plot.right()) / 2.0, HEIGHT - 14, escape(xLabel)));
    double middle = (plot.top() + plot.bottom()) / 2.0;
    svg.append(
        format(
            "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#222222\""
                + " transform=\"rotate(-90 18 %.1f)\">%s</text>\n",
            middle, middle, escape(yLabel + (logY ? " (log scale)" : ""))));
  }

  private static void appendReference(
      StringBuilder svg, Plot plot, Axis y, ReferenceLine reference) {
    if (!y.shows(reference.y())) {
      return;
    }
    double py = plot.y(y, reference.y());
    svg.append(
        format(
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#666666\""
                + " stroke-width=\"1.2\" stroke-dasharray=\"3 3\"/>\n",
            plot.left(), py, plot.right(), py));
    svg.append(
        format(
            "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#444444\" font-size=\"11\""
                + " font-style=\"italic\">%s</text>\n",
            plot.right() - 6, py - 5, escape(reference.label())));
  }

  private static void appendSeries(
      StringBuilder svg, Plot plot, Axis x, Axis y, Series series, Style style) {
    var points = series.points().stream().filter(p -> y.shows(p.y())).toList();
    if (points.isEmpty()) {
      return;
    }
    var path = new StringBuilder();
    for (var point : points) {
      path.append(path.isEmpty() ? "" : " ")
          .append(format("%.1f,%.1f", plot.x(x, point.x()), plot.y(y, point.y())));
    }
    svg.append(format("<g><title>%s</title>\n", escape(series.name())));
    svg.append(
        format(
            "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
            path, style.colour(), style.dashAttribute()));
    for (var point : points) {
      svg.append(style.marker().draw(plot.x(x, point.x()), plot.y(y, point.y()), style.colour()));
    }
    svg.append("</g>\n");
  }

  private static String line(double x1, double y1, double x2, double y2, Style style, double w) {
    return format(
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
            + " stroke-width=\"%.1f\"%s/>\n",
        x1, y1, x2, y2, style.colour(), w, style.dashAttribute());
  }

  /** Tick labels as people write numbers: 1,000 and 0.5, never 1000.0 or 1E3. */
  static String tickLabel(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) value);
    }
    var label = String.format(Locale.ROOT, "%,.3f", value);
    return label.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** Text made safe for XML element content and attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    var escaped = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                  // XML 1.0 forbids most control characters even as references.
                  if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                    escaped.appendCodePoint(c);
                  }
                }
              }
            });
    return escaped.toString();
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  private record Plot(int left, int top, int right, int bottom) {
    double x(Axis axis, double value) {
      return left + axis.fraction(value) * (right - left);
    }

    double y(Axis axis, double value) {
      return bottom - axis.fraction(value) * (bottom - top);
    }
  }

  /** A value range with its ticks; a log axis keeps log10 of both ends. */
  private record Axis(double min, double max, boolean log, List<Double> ticks) {

    static Axis linear(List<Double> values, boolean fromZero) {
      double low = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      double high = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
      if (fromZero && low > 0) {
        low = 0;
      }
      if (high - low <= 0) {
        double pad = high == 0 ? 1 : Math.abs(high) * 0.1;
        low -= pad;
        high += pad;
      }
      double step = niceStep((high - low) / 6);
      double first = Math.floor(low / step) * step;
      double last = Math.ceil(high / step) * step;
      var ticks = new ArrayList<Double>();
      for (double t = first; t <= last + step / 2; t += step) {
        ticks.add(Math.abs(t) < step / 1e6 ? 0 : t);
      }
      return new Axis(first, last, false, ticks);
    }

    static Axis logarithmic(List<Double> positives) {
      double low = positives.stream().mapToDouble(Double::doubleValue).min().orElse(1);
      double high = positives.stream().mapToDouble(Double::doubleValue).max().orElse(10);
      int firstDecade = (int) Math.floor(Math.log10(low));
      int lastDecade = (int) Math.ceil(Math.log10(high));
      if (lastDecade <= firstDecade) {
        lastDecade = firstDecade + 1;
      }
      var ticks = new ArrayList<Double>();
      boolean fewDecades = lastDecade - firstDecade <= 3;
      for (int d = firstDecade; d <= lastDecade; d++) {
        double decade = Math.pow(10, d);
        ticks.add(decade);
        if (fewDecades && d < lastDecade) {
          ticks.add(2 * decade);
          ticks.add(5 * decade);
        }
      }
      return new Axis(firstDecade, lastDecade, true, ticks);
    }

    private static double niceStep(double rough) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
      double residual = rough / magnitude;
      double nice =
          residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
      return nice * magnitude;
    }

    boolean shows(double value) {
      return !log || value > 0;
    }

    double fraction(double value) {
      double v = log ? Math.log10(value) : value;
      return (v - min) / (max - min);
    }
  }

  private enum Marker {
    CIRCLE,
    SQUARE,
    TRIANGLE,
    DIAMOND,
    CROSS;

    String draw(double x, double y, String colour) {
      return switch (this) {
        case CIRCLE ->
            format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n", x, y, colour);
        case SQUARE ->
            format(
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"#ffffff\""
                    + " stroke=\"%s\" stroke-width=\"1.8\"/>\n",
                x - 3.5, y - 3.5, colour);
        case TRIANGLE ->
            format(
                "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\"/>\n",
                x, y - 4.5, x - 4.5, y + 3.5, x + 4.5, y + 3.5, colour);
        case DIAMOND ->
            format(
                "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#ffffff\""
                    + " stroke=\"%s\" stroke-width=\"1.8\"/>\n",
                x, y - 4.5, x + 4.5, y, x, y + 4.5, x - 4.5, y, colour);
        case CROSS ->
            format(
                "<path d=\"M%.1f,%.1f L%.1f,%.1f M%.1f,%.1f L%.1f,%.1f\" stroke=\"%s\""
                    + " stroke-width=\"2\"/>\n",
                x - 4, y - 4, x + 4, y + 4, x - 4, y + 4, x + 4, y - 4, colour);
      };
    }
  }

  private record Style(String colour, String dash, Marker marker) {
    String dashAttribute() {
      return dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"";
    }
  }
}
