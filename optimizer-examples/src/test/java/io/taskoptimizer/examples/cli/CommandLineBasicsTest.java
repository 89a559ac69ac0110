package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CommandLineBasicsTest {

  @TempDir Path dir;

  @Test
  void everyCommandHasHelpThatExitsZero() {
    CommandLine cmd =
        Main.commandLine(
            new Terminal(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()),
                java.util.Map.of(),
                false));
    List<String> names = List.copyOf(cmd.getSubcommands().keySet());
    assertThat(names).contains("init", "rankings", "best-model");
    for (String name : names) {
      Cli.Result r = Cli.run(name, "--help");
      assertThat(r.exitCode()).as(name).isZero();
      assertThat(r.out()).as(name).contains("Usage: taskopt " + name).contains("--help");
      assertThat(r.err()).as(name).isEmpty();
    }
  }

  @Test
  void rootHelpListsCommandsExitCodesAndTheEnvironment() {
    Cli.Result r = Cli.run("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Commands:")
        .contains("rankings")
        .contains("Exit codes:")
        .contains("3   Ollama not reachable")
        .contains("OLLAMA_HOST")
        .contains("--config=DIR")
        .contains("--ollama=URL")
        .contains("--json");
  }

  @Test
  void missingCommandIsAUsageErrorOnOneLine() {
    Cli.Result r = Cli.run();

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("taskopt: error: Missing command")
        .contains("taskopt demo");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--no-such-option", "no-such-command"})
  void unknownOptionsAndCommandsAreUsageErrorsOnOneLine(String arg) {
    Cli.Result r = Cli.run(arg);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("taskopt: error: ")
        .contains(arg)
        .contains("taskopt --help");
  }

  @Test
  void anUnknownCommandIsNamedAsSuchWithASuggestion() {
    Cli.Result r = Cli.run("rankigns");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .isEqualTo(
            "taskopt: error: Unknown command 'rankigns'; did you mean 'rankings'? (see 'taskopt --help' for"
                + " the list of commands)");
  }

  @Test
  void aTaskInTheWrongCaseGetsTheRightSpelling() {
    Cli.Result r =
        Cli.run(
            "best-model",
            "SELF_ASSESSMENT",
            "--config",
            Fixtures.exampleConfig(dir).toString(),
            "--ollama",
            Fixtures.closedPortUrl());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("did you mean 'self_assessment'?");
  }

  @Test
  void withJsonAnErrorIsAlsoAJsonObjectOnStdout() {
    Cli.Result usage = Cli.run("rankings", "--json", "--bogus");
    Cli.Result runtime =
        Cli.run(
            "best-model",
            "no_such_task",
            "--json",
            "--config",
            Fixtures.exampleConfig(dir).toString(),
            "--ollama",
            Fixtures.closedPortUrl());

    assertThat(Fixtures.json(usage.out()).at("/error/exit_code").asInt())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(Fixtures.json(usage.out()).at("/error/message").asText()).contains("--bogus");
    assertThat(Fixtures.json(runtime.out()).at("/error/message").asText()).contains("no_such_task");
    assertThat(runtime.err()).startsWith("taskopt: error: ");
  }

  @Test
  void anErrorPrefixOfTheMessageIsNotDoubled() {
    assertThat(ErrorHandler.withoutErrorPrefix("Error: model 'x' not found"))
        .isEqualTo("model 'x' not found");
    assertThat(ErrorHandler.withoutErrorPrefix("error:")).isEqualTo("error:");
    assertThat(ErrorHandler.withoutErrorPrefix("No error: fine")).isEqualTo("No error: fine");
  }

  @Test
  void floatNoiseIsRoundedAwayInJson() {
    assertThat(Json.write(java.util.Map.of("weighted", 0.6 * 0.9 + 0.4 * 0.85)))
        .contains("\"weighted\" : 0.88")
        .doesNotContain("0.8800000000000001");
    assertThat(Json.round(1.0 / 3)).isEqualTo(0.333333333333);
  }

  @Test
  void usageErrorsOfASubcommandPointToItsHelp() {
    Cli.Result r = Cli.run("rankings", "--bogus");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString().contains("'taskopt rankings --help'");
  }

  @Test
  void globalOptionsAreAcceptedAfterTheCommandToo() {
    Cli.Result before = Cli.run("--json", "init", "--help");
    Cli.Result after = Cli.run("init", "--json", "--help");

    assertThat(before.exitCode()).isZero();
    assertThat(after.exitCode()).isZero();
  }

  @Test
  void versionNamesTheTool() {
    Cli.Result r = Cli.run("--version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("taskopt ");
  }

  @Test
  void verbosePrintsTheStackTraceAfterTheOneLineError() {
    Cli.Result quiet = Cli.run("rankings", "--config", "no-such-dir");
    Cli.Result verbose = Cli.run("rankings", "--config", "no-such-dir", "--verbose");

    assertThat(quiet.err().lines()).hasSize(1);
    assertThat(verbose.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(verbose.err().lines().findFirst().orElseThrow()).isEqualTo(quiet.err().strip());
    assertThat(verbose.err())
        .contains("CliException")
        .contains("\tat io.taskoptimizer.examples.cli.");
  }

  @Test
  void ollamaHostFromTheEnvironmentIsUsedWhenNoOptionIsGiven() {
    Cli.Result r =
        Cli.run(
            java.util.Map.of("OLLAMA_HOST", "gpu-box:11500"),
            "rankings",
            "--config",
            "no-such-dir");

    // the config error comes first, but the URL resolution must not fail on the host:port form
    assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
    TaskoptCommand root =
        new TaskoptCommand(
            new Terminal(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()),
                java.util.Map.of("OLLAMA_HOST", "gpu-box:11500"),
                false));
    assertThat(root.ollamaUrl()).hasToString("http://gpu-box:11500");
  }
}
