package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void alignsTextLeftAndNumbersRightUnderTheirHeaders() {
    Table t = new Table("model", "quality").rightAlign(1);
    t.row("gemma3:1b", "0.90").row("phi3:3.8b-instruct", "0.5");
    StringWriter sw = new StringWriter();
    t.print(new PrintWriter(sw), "  ", new Style(false));

    assertThat(sw.toString().split("\n"))
        .containsExactly(
            "  model               quality",
            "  ------------------  -------",
            "  gemma3:1b              0.90",
            "  phi3:3.8b-instruct      0.5");
  }

  @Test
  void measuresUmlautsAndEmojiAsOneColumnEach() {
    Table t = new Table("a", "b");
    t.row("Köln\uD83D\uDE00", "x").row("abcde", "y");
    StringWriter sw = new StringWriter();
    t.print(new PrintWriter(sw), "", new Style(false));

    String[] lines = sw.toString().split("\n", -1);
    assertThat(lines[2].indexOf('x')).isEqualTo(lines[3].indexOf('y') + 1);
  }

  @Test
  void measuresVisibleWidthSoColouredCellsStayAligned() {
    Style ansi = new Style(true);
    Table t = new Table("move", "model");
    t.row(ansi.green("up 1"), "a").row("same", "b").row(ansi.red("down 12"), "c");
    StringWriter sw = new StringWriter();
    t.print(new PrintWriter(sw), "", ansi);

    String[] lines = TextWidth.strip(sw.toString()).split("\n");
    assertThat(lines)
        .containsExactly(
            "move     model", "-------  -----", "up 1     a", "same     b", "down 12  c");
  }

  @Test
  void shortensTheWidestTextColumnToFitTheWidthButNeverCutsNumbers() {
    Table t = new Table("model", "why", "score").rightAlign(2);
    t.row("gemma3:1b", "x".repeat(120), "0.912").row("phi3", "short", "0.5");
    StringWriter sw = new StringWriter();
    t.print(new PrintWriter(sw), "  ", new Style(false, 60));

    String[] lines = sw.toString().split("\n");
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
    assertThat(lines[2]).startsWith("  gemma3:1b  xxx").contains("...").endsWith("0.912");
    assertThat(lines[3]).endsWith("  0.5");
  }

  @Test
  void rejectsRowsWithTheWrongNumberOfCells() {
    assertThatThrownBy(() -> new Table("a", "b").row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 cells")
        .hasMessageContaining("2 columns");
  }
}
