package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private final AtomicLong nanos = new AtomicLong();

  @Test
  void printsOnePlainLinePerStepWhenNotATerminal() {
    StringWriter sw = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(sw), false, "benchmark", 4, nanos::get);
    bar.update(1, "gemma3:1b self_assessment");
    bar.update(1, "same step again");
    bar.update(2, "llama3.2 cover_letter");
    nanos.set(75_000_000_000L);
    bar.finish("4 calls");

    assertThat(sw.toString()).doesNotContain("\u001b").doesNotContain("\r");
    assertThat(sw.toString().split("\n"))
        .containsExactly(
            "  [1/4  25%] gemma3:1b self_assessment",
            "  [2/4  50%] llama3.2 cover_letter", "benchmark: 4 calls (1:15)");
  }

  @Test
  void redrawsOneLineInPlaceOnAnAnsiTerminal() {
    StringWriter sw = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(sw), true, "bench", 4, nanos::get);
    bar.update(1, "a");
    bar.update(2, "b");
    bar.finish("done");

    String s = sw.toString();
    assertThat(s).startsWith("\r\u001b[2K").endsWith("\n");
    assertThat(s.split("\n")).hasSize(1);
    assertThat(s).contains("bench [" + "#".repeat(14) + ".".repeat(14) + "] 2/4  50%  0:00  b");
  }

  @Test
  void rendersAFullBarAtTheEndAndShortensLongDetails() {
    ProgressBar bar =
        new ProgressBar(new PrintWriter(new StringWriter()), true, "x", 2, nanos::get);
    bar.update(2, "y".repeat(200));

    String line = bar.render("z".repeat(200));
    assertThat(line).contains("[" + "#".repeat(28) + "]").contains("2/2 100%").endsWith("...");
    assertThat(line.length()).isLessThan(120);
  }

  @Test
  void neverDrawsALineWiderThanTheTerminal() {
    for (int columns : new int[] {20, 40, 60, 80, 100, 200}) {
      StringWriter sw = new StringWriter();
      ProgressBar bar =
          new ProgressBar(new PrintWriter(sw), true, "benchmark", 480, columns, nanos::get);
      bar.update(
          17, "sim-newcomer:4b job_requirements_de #3 1.23 s quality 0.84 and a long detail");
      nanos.set(3_600_000_000_000L);
      bar.update(480, "x".repeat(300));
      bar.finish("480 generations, 3 failed in 1:00:00");

      for (String drawn : sw.toString().split("[\r\n]", -1)) {
        assertThat(TextWidth.of(drawn)).as(columns + " columns: " + drawn).isLessThan(columns);
      }
      nanos.set(0);
    }
  }

  @Test
  void toleratesAnUnknownTotal() {
    ProgressBar bar =
        new ProgressBar(new PrintWriter(new StringWriter()), true, "x", 0, nanos::get);
    bar.update(3, "step");
    assertThat(bar.render("step")).contains("3/0").contains("[" + ".".repeat(28) + "]");
  }
}
