package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextWidthTest {

  @Test
  void ansiStylingTakesNoColumns() {
    Style ansi = new Style(true);

    assertThat(TextWidth.of(ansi.bold("abc") + ansi.red("de"))).isEqualTo(5);
    assertThat(TextWidth.of("\r\u001b[2Kxy")).isEqualTo(3);
    assertThat(TextWidth.strip(ansi.green("up 1"))).isEqualTo("up 1");
  }

  @Test
  void wrapsAtWordsWithAHangingIndent() {
    String line =
        "    phi3:3.8b: " + "quality fell because the feedback says so ".repeat(4).strip();

    assertThat(TextWidth.wrap(line, 40))
        .containsExactly(
            "    phi3:3.8b: quality fell because the",
            "      feedback says so quality fell",
            "      because the feedback says so",
            "      quality fell because the feedback",
            "      says so quality fell because the",
            "      feedback says so");
  }

  @Test
  void breaksAWordWiderThanTheLineAndLeavesShortLinesAlone() {
    assertThat(TextWidth.wrap("path: /" + "a".repeat(30), 20))
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(20))
        .hasSize(3);
    assertThat(TextWidth.wrap("  short", 20)).containsExactly("  short");
    assertThat(TextWidth.wrap("", 20)).containsExactly("");
  }

  @Test
  void theWrappingWriterWrapsEachLineItIsGiven() {
    StringWriter sw = new StringWriter();
    PrintWriter w = TextWidth.wrapping(new PrintWriter(sw), 20);

    w.print("one two three ");
    w.println("four five six seven");
    w.println("ok");
    w.flush();

    assertThat(sw.toString().split("\n"))
        .containsExactly("one two three four", "five six seven", "ok");
  }

  @Test
  void shortensWithAnEllipsis() {
    assertThat(TextWidth.shorten("abcdefghij", 6)).isEqualTo("abc...");
    assertThat(TextWidth.shorten("abc", 6)).isEqualTo("abc");
  }
}
