package io.tutti.connectors.email;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The HTML body of an email made safe to show an agent, and its plain-text rendering.
 *
 * <p>Customers' HTML is hostile by default: only jsoup's relaxed safelist survives (no scripts,
 * styles, frames, forms, event handlers, or URLs other than http, https and mailto), so it can be
 * shown inside the agent app without running anything.
 */
final class EmailHtml {

  private static final Safelist SAFELIST =
      Safelist.relaxed().addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

  private static final Set<String> BLOCKS =
      Set.of(
          "address",
          "article",
          "aside",
          "blockquote",
          "center",
          "dd",
          "div",
          "dl",
          "dt",
          "figcaption",
          "figure",
          "footer",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "header",
          "hr",
          "li",
          "main",
          "nav",
          "ol",
          "p",
          "pre",
          "section",
          "table",
          "tr",
          "ul");

  private static final Set<String> PARAGRAPHS =
      Set.of("blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "pre", "table", "ul");

  private EmailHtml() {}

  /**
   * The body of {@code dirty} with inline images ({@code cid:} sources) pointing at {@code
   * inlineUrls} (Content-ID without brackets → URL) and everything unsafe removed.
   */
  static Document sanitise(Document dirty, Map<String, String> inlineUrls) {
    for (Element image : dirty.select("img[src]")) {
      String source = image.attr("src").strip();
      if (source.regionMatches(true, 0, "cid:", 0, 4)) {
        String url = inlineUrl(source.substring(4), inlineUrls);
        if (url == null) {
          image.removeAttr("src");
        } else {
          image.attr("src", url);
        }
      }
    }
    Document clean = new Cleaner(SAFELIST).clean(dirty);
    clean.outputSettings().prettyPrint(false);
    return clean;
  }

  /** The body as HTML, or null when nothing is left of it. */
  static String html(Document clean) {
    String html = clean.body().html().strip();
    return html.isEmpty() ? null : html;
  }

  /** A plain-text rendering: blocks on their own lines, links followed by their address. */
  static String text(Document clean) {
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new TextRenderer(out), clean.body());
    return out.toString().replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
  }

  private static String inlineUrl(String cid, Map<String, String> inlineUrls) {
    String url = inlineUrls.get(cid);
    if (url != null) {
      return url;
    }
    // RFC 2392: a cid URL is the Content-ID, %-encoded.
    try {
      url = inlineUrls.get(URLDecoder.decode(cid.replace("+", "%2B"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      url = null;
    }
    if (url != null) {
      return url;
    }
    for (Map.Entry<String, String> entry : inlineUrls.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(cid)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private record TextRenderer(StringBuilder out) implements NodeVisitor {

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode text) {
        if (inside(text, "pre")) {
          out.append(text.getWholeText());
        } else {
          append(text.text());
        }
      } else if (node instanceof Element element) {
        String name = element.normalName();
        if (name.equals("br")) {
          out.append('\n');
        } else if (BLOCKS.contains(name)) {
          newLine();
          if (name.equals("li")) {
            out.append("- ");
          }
        } else if (name.equals("td") || name.equals("th")) {
          if (!atLineStart()) {
            out.append(' ');
          }
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (!(node instanceof Element element)) {
        return;
      }
      String name = element.normalName();
      if (name.equals("a")) {
        String href = element.attr("href");
        if (!href.isEmpty()
            && !href.regionMatches(true, 0, "mailto:", 0, 7)
            && !element.text().strip().equals(href)) {
          out.append(" <").append(href).append('>');
        }
      } else if (PARAGRAPHS.contains(name)) {
        newLine();
        out.append('\n');
      } else if (BLOCKS.contains(name)) {
        newLine();
      }
    }

    private void append(String text) {
      if (text.isEmpty()) {
        return;
      }
      String chunk = text;
      if (atLineStart() || out.charAt(out.length() - 1) == ' ') {
        chunk = chunk.stripLeading();
      }
      out.append(chunk);
    }

    private void newLine() {
      if (!atLineStart()) {
        out.append('\n');
      }
    }

    private boolean atLineStart() {
      return out.isEmpty() || out.charAt(out.length() - 1) == '\n';
    }

    private static boolean inside(Node node, String tag) {
      for (Node parent = node.parent(); parent != null; parent = parent.parent()) {
        if (parent instanceof Element element && element.normalName().equals(tag)) {
          return true;
        }
      }
      return false;
    }
  }
}
