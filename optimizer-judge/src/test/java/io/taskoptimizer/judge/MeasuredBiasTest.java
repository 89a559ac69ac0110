package io.taskoptimizer.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three biases of LLM judges, measured end to end with scripted judges on the Ollama test
 * server: three models of known true strength (weak < mid < strong) are compared pairwise, always
 * with the weaker model as A, through {@link Judge#compare}; the Bradley-Terry order is compared
 * with the true one with the bias control off and on. The figures are written to {@code
 * target/judge-figures/bias.txt}.
 */
class MeasuredBiasTest {

  private static final TaskType TASK = TaskType.COVER_LETTER;
  private static final String WEAK = "llama3.2:1b";
  private static final String MID = "gemma2:2b";
  private static final String STRONG = "qwen2.5:3b";
  private static final List<String> TRUE_ORDER = List.of(STRONG, MID, WEAK);
  private static final Pattern QUESTION = Pattern.compile("question (\\d+)");
  private static final List<String> figures = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void header() {
    figures.add(
        String.format(
            "%-16s %-8s %-36s %s", "bias", "control", "Bradley-Terry order", "true order?"));
  }

  @AfterAll
  static void write() throws IOException {
    Path out = Path.of("target", "judge-figures", "bias.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, figures, StandardCharsets.UTF_8);
    figures.forEach(System.out::println);
  }

  /** A model whose answer to "question k" has a length drawn from [min, max) words. */
  private static ScriptedModel answering(
      String name, String family, double strength, int min, int max) {
    return ScriptedModel.builder(name)
        .family(family)
        .responder(
            req -> {
              Matcher m = QUESTION.matcher(req.promptText());
              int k = m.find() ? Integer.parseInt(m.group(1)) : 0;
              int words = min + new Random(name.hashCode() * 31L + k).nextInt(max - min);
              return SimulatedAnswers.answer(name, strength, words);
            })
        .build();
  }

  private static ScriptedModel judgeModel(
      String name, String family, Function<RecordedRequest, String> r) {
    return ScriptedModel.builder(name).family(family).responder(r).build();
  }

  /** Runs {@code rounds} rounds of the three pairs and returns the fitted order, best first. */
  private List<String> run(
      String scenario,
      String control,
      int rounds,
      int[][] lengths,
      List<ScriptedModel> judges,
      UnaryOperator<Judge.Builder> settings) {
    Path config = dir.resolve(scenario.replace(' ', '-') + "-" + control);
    List<ScriptedModel> models = new ArrayList<>(judges);
    models.add(answering(WEAK, "llama", 0.0, lengths[0][0], lengths[0][1]));
    models.add(answering(MID, "gemma2", 0.5, lengths[1][0], lengths[1][1]));
    models.add(answering(STRONG, "qwen2", 1.0, lengths[2][0], lengths[2][1]));
    try (OllamaTestServer server =
            OllamaTestServer.create()
                .recordRequests(false)
                .models(models.toArray(ScriptedModel[]::new))
                .start();
        OllamaProvider provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
        TaskOptimizer optimizer =
            TaskOptimizer.builder()
                .configDirectory(config)
                .addProvider(provider)
                .feedbackFlushInterval(Duration.ZERO)
                .build();
        Judge judge = settings.apply(Judge.builder(optimizer).feedQuality(false)).build()) {
      int k = 0;
      for (int round = 0; round < rounds; round++) {
        for (String[] pair : new String[][] {{WEAK, MID}, {WEAK, STRONG}, {MID, STRONG}}) {
          GenerationRequest request = GenerationRequest.of("Write a cover letter, question " + k++);
          judge.compare(TASK, request, pair[0], pair[1]);
        }
      }
      List<String> order = judge.ratings(TASK).stream().map(Rating::model).toList();
      figures.add(
          String.format("%-16s %-8s %-36s %s", scenario, control, order, order.equals(TRUE_ORDER)));
      return order;
    }
  }

  private static final int[][] SAME_LENGTHS = {{60, 100}, {60, 100}, {60, 100}};

  @Test
  void bothOrdersRemoveAFirstPositionBias() {
    // the judge picks the answer shown first 70% of the time, else the better one
    List<ScriptedModel> judges =
        List.of(
            judgeModel(
                "phi3:14b",
                "phi3",
                SimulatedAnswers.pairwiseJudge(
                    SimulatedAnswers.firstPosition(0.7, new Random(11)))));
    List<ScriptedModel> judges2 =
        List.of(
            judgeModel(
                "phi3:14b",
                "phi3",
                SimulatedAnswers.pairwiseJudge(
                    SimulatedAnswers.firstPosition(0.7, new Random(11)))));

    List<String> off =
        run(
            "position (70%)",
            "off", 10, SAME_LENGTHS, judges, b -> b.addJudgeModel("phi3:14b").bothOrders(false));
    List<String> on =
        run("position (70%)", "on", 10, SAME_LENGTHS, judges2, b -> b.addJudgeModel("phi3:14b"));

    assertThat(off).isEqualTo(List.of(WEAK, MID, STRONG)); // the bias wins: the order is reversed
    assertThat(on).isEqualTo(TRUE_ORDER);
  }

  @Test
  void lengthControlRemovesAVerbosityBias() {
    // the weaker the model, the longer its answers; the judge prefers an answer 1.25x longer
    int[][] lengths = {{60, 180}, {45, 135}, {30, 90}};
    List<ScriptedModel> judges =
        List.of(
            judgeModel(
                "phi3:14b",
                "phi3",
                SimulatedAnswers.pairwiseJudge(SimulatedAnswers.verbose(1.25))));

    List<String> off =
        run("verbosity", "off", 20, lengths, judges, b -> b.addJudgeModel("phi3:14b"));
    List<String> on =
        run(
            "verbosity",
            "on",
            20,
            lengths,
            judges,
            b -> b.addJudgeModel("phi3:14b").lengthControl(1.2));

    assertThat(off.get(0)).isEqualTo(WEAK); // the longest talker is rated best
    assertThat(on).isEqualTo(TRUE_ORDER);
  }

  @Test
  void familyExclusionRemovesSelfPreference() {
    // the preferred judge is a llama that always prefers llama answers; another judge is fair
    List<ScriptedModel> judges =
        List.of(
            judgeModel(
                "llama3.1:70b",
                "llama",
                SimulatedAnswers.pairwiseJudge(SimulatedAnswers.selfPreferring("llama"))),
            judgeModel(
                "phi3:14b", "phi3", SimulatedAnswers.pairwiseJudge(SimulatedAnswers.fair())));

    List<String> off =
        run(
            "self-preference",
            "off",
            6,
            SAME_LENGTHS,
            judges,
            b -> b.judgeModels(List.of("llama3.1:70b", "phi3:14b")).excludeSameFamily(false));
    List<String> on =
        run(
            "self-preference",
            "on",
            6,
            SAME_LENGTHS,
            judges,
            b -> b.judgeModels(List.of("llama3.1:70b", "phi3:14b")));

    assertThat(off.get(0)).isEqualTo(WEAK); // the judge's own family is rated best
    assertThat(on).isEqualTo(TRUE_ORDER);
  }
}
