package io.taskoptimizer.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Creates a working directory with the example config, sample postings and a sample profile. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    header = "Creates a working directory with the example config, postings and profile.",
    description =
        "Creates config/ (rankings for the common local models, empty feedback), postings/ (synthetic job postings: English, German, bilingual and a broken one) and candidate-profile.md in DIR. Existing files are never overwritten.")
final class InitCommand implements Callable<Integer> {

  @ParentCommand private TaskoptCommand root;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Where to create the files (default: the current directory).")
  private Path dir;

  @Override
  public Integer call() {
    Path configDir = root.configGiven() ? root.configDir() : dir.resolve("config");
    List<String> created = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (String f : Bundled.CONFIG_FILES) {
      record(
          Bundled.copyIfAbsent("config", f, configDir.resolve(f)),
          configDir.resolve(f),
          created,
          kept);
    }
    Path postings = dir.resolve("postings");
    for (String f : Bundled.POSTING_FILES) {
      record(
          Bundled.copyIfAbsent("postings", f, postings.resolve(f)),
          postings.resolve(f),
          created,
          kept);
    }
    Path profile = dir.resolve(Bundled.PROFILE_FILE);
    record(Bundled.copyIfAbsent("profile", Bundled.PROFILE_FILE, profile), profile, created, kept);

    PrintWriter out = root.json() ? root.terminal().out() : root.terminal().text();
    if (root.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("created", created);
      json.put("kept_existing", kept);
      Json.print(out, json);
      return ExitCodes.OK;
    }
    for (String c : created) {
      out.println("created  " + c);
    }
    for (String k : kept) {
      out.println("kept     " + k + " (exists, not overwritten)");
    }
    out.println();
    out.println(
        "Next: 'taskopt rankings' shows the example rankings; with Ollama running,"
            + " 'taskopt self-assessment --job 1001 --best-model' and 'taskopt extract 1001' use them.");
    return ExitCodes.OK;
  }

  private static void record(boolean written, Path file, List<String> created, List<String> kept) {
    (written ? created : kept).add(file.normalize().toString());
  }
}
