package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeWriterTest {

  private static String print(boolean ansi, String... parts) {
    StringWriter sw = new StringWriter();
    Terminal t =
        new Terminal(new PrintWriter(sw), new PrintWriter(new StringWriter()), Map.of(), ansi);
    for (String p : parts) {
      t.out().print(p);
    }
    t.out().flush();
    return sw.toString();
  }

  @Test
  void controlCharactersFromDataAreShownNotSentToTheTerminal() {
    String hostile = "Job: \u001b]0;owned\u0007\u001b[2J title\rover\u009b31m \u202eevil";

    assertThat(print(false, hostile))
        .isEqualTo("Job: ^[]0;owned^G^[[2J title^Mover\\u009b31m \\u202eevil");
    assertThat(print(true, hostile))
        .doesNotContain("\u001b]")
        .doesNotContain("\u0007")
        .doesNotContain("\u001b[2J")
        .doesNotContain("\r")
        .contains("^[]0;owned^G");
  }

  @Test
  void theCliOwnStylingAndLayoutPassOnAnAnsiTerminal() {
    Style style = new Style(true);
    String styled = style.bold("Result") + "\n\ta\r\n" + style.red("x");

    assertThat(print(true, styled))
        .isEqualTo("\u001b[1mResult\u001b[0m\n\ta\n\u001b[31mx\u001b[0m");
    assertThat(print(true, "\r\u001b[2K", "bar")).isEqualTo("\r\u001b[2Kbar");
    assertThat(print(false, "\u001b[1mx")).isEqualTo("^[[1mx");
  }

  @Test
  void aSequenceSplitAcrossWritesIsJudgedAsAWhole() {
    assertThat(print(true, "a\u001b", "[32mb")).isEqualTo("a\u001b[32mb");
    assertThat(print(true, "a\u001b", "]0;t")).isEqualTo("a^[]0;t");
  }

  @Test
  void cleanEscapesASingleValue() {
    assertThat(SafeWriter.clean("10\u00001\n")).isEqualTo("10^@1\\n");
    assertThat(SafeWriter.clean("plain")).isEqualTo("plain");
  }
}
