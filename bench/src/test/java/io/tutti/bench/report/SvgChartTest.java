package io.tutti.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.bench.report.SvgChart.Point;
import io.tutti.bench.report.SvgChart.ReferenceLine;
import io.tutti.bench.report.SvgChart.Series;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

class SvgChartTest {

  private static final List<Point> RISING =
      List.of(new Point(250, 40), new Point(500, 60), new Point(1000, 180), new Point(2000, 2400));

  @Test
  void chartIsWellFormedSvgOfTheAdvertisedSize() throws Exception {
    var chart =
        new SvgChart(
            "Latency",
            "rate",
            "ms",
            false,
            List.of(new Series("p99", RISING)),
            List.of(new ReferenceLine("target p99 500 ms", 500)));

    Document svg = parse(chart.render());

    assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
    assertThat(svg.getDocumentElement().getAttribute("width")).isEqualTo("800");
    assertThat(svg.getDocumentElement().getAttribute("height")).isEqualTo("450");
  }

  @Test
  void seriesNamesAndReferenceLabelsAreInTheText() throws Exception {
    var chart =
        new SvgChart(
            "Throughput",
            "target rate",
            "messages/s",
            false,
            List.of(new Series("accepted/s", RISING), new Series("delivered/s", RISING)),
            List.of(
                new ReferenceLine("RabbitMQ raw limit", 9000),
                new ReferenceLine("PostgreSQL raw limit", 4000)));

    var texts = texts(parse(chart.render()));

    assertThat(texts)
        .contains(
            "Throughput",
            "accepted/s",
            "delivered/s",
            "RabbitMQ raw limit",
            "PostgreSQL raw limit",
            "target rate",
            "messages/s");
  }

  @Test
  void textIsEscapedForXml() throws Exception {
    var chart =
        new SvgChart(
            "p99 < 500 ms & \"no loss\"",
            "x",
            "y",
            false,
            List.of(new Series("<series> & 'co'", RISING)),
            List.of(new ReferenceLine("limit > 1,000", 1000)));

    var texts = texts(parse(chart.render()));

    assertThat(texts).contains("p99 < 500 ms & \"no loss\"", "<series> & 'co'", "limit > 1,000");
  }

  @Test
  void logScaleLeavesOutPointsAtZeroAndLabelsTheAxis() throws Exception {
    var chart =
        new SvgChart(
            "Latency",
            "rate",
            "ms",
            true,
            List.of(new Series("p50", List.of(new Point(100, 0), new Point(200, 12)))),
            List.of(new ReferenceLine("target p99 500 ms", 500)));

    var svg = chart.render();
    var texts = texts(parse(svg));

    assertThat(texts).contains("ms (log scale)", "10", "100", "1,000");
    assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void seriesDifferInDashPatternNotOnlyColour() throws Exception {
    var chart =
        new SvgChart(
            "t",
            "x",
            "y",
            false,
            List.of(new Series("a", RISING), new Series("b", RISING), new Series("c", RISING)),
            List.of());

    var svg = chart.render();

    assertThat(svg).contains("stroke-dasharray=\"9 4\"", "stroke-dasharray=\"2 4\"");
  }

  @Test
  void chartWithOneFlatPointStillRenders() throws Exception {
    var chart =
        new SvgChart(
            "t", "x", "y", false, List.of(new Series("only", List.of(new Point(5, 5)))), List.of());

    var svg = chart.render();

    parse(svg);
    assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void writeToPutsTheDocumentInTheFile(@TempDir Path dir) throws Exception {
    var file = dir.resolve("chart.svg");
    var chart = new SvgChart("t", "x", "y", false, List.of(new Series("s", RISING)), List.of());

    chart.writeTo(file);

    assertThat(Files.readString(file)).isEqualTo(chart.render());
  }

  @Test
  void tickLabelsReadAsPeopleWriteNumbers() {
    assertThat(SvgChart.tickLabel(1000)).isEqualTo("1,000");
    assertThat(SvgChart.tickLabel(0.5)).isEqualTo("0.5");
    assertThat(SvgChart.tickLabel(2.5)).isEqualTo("2.5");
    assertThat(SvgChart.tickLabel(0)).isEqualTo("0");
  }

  static Document parse(String svg) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> texts(Document svg) {
    var texts = new ArrayList<String>();
    collect(svg.getDocumentElement(), texts);
    return texts;
  }

  private static void collect(Node node, List<String> texts) {
    if (node.getNodeName().equals("text") || node.getNodeName().equals("title")) {
      texts.add(node.getTextContent());
    }
    for (var child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      collect(child, texts);
    }
  }
}
