package io.taskoptimizer.benchmarks.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.RankingUpdater;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.judge.Judge;
import io.taskoptimizer.judge.Rubric;
import io.taskoptimizer.testserver.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** One run: one scenario, one policy, one seed, through the real {@link TaskOptimizer}. */
final class Run {

  /**
   * How often the ranking updater runs, in calls (as a cron job or rankingUpdateInterval would).
   */
  static final int UPDATE_EVERY = 100;

  private Run() {}

  /** The model index chosen at every step. */
  // "try": the judge is a resource only to be closed with the optimizer; it samples the
  // optimizer's calls on its own, so the try body never names it
  @SuppressWarnings("try")
  static int[] choices(Scenario s, Policy policy, long seed, Path tmpRoot) {
    Noise noise = new Noise(s, seed);
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SimProvider provider = new SimProvider(s, noise, clock, policy.judgeShare() > 0, seed);
    Path dir;
    try {
      dir = Files.createTempDirectory(tmpRoot, "decision-");
      writeRankings(s, dir.resolve("model_rankings.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int[] chosen = new int[s.calls()];
    TaskOptimizer.Builder b =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .addProvider(provider)
            .autoDetectProviders(false)
            .addAssessor(new SimAssessor())
            .autoDetectAssessors(false)
            .clock(clock)
            // the policy's own randomness: reproducible per seed, independent of the fleet's draws
            .random(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17))
            .availabilityRefreshInterval(Duration.ofDays(1))
            .feedbackFlushInterval(Duration.ofDays(1));
    policy.configure().accept(b);
    try (TaskOptimizer opt = b.build();
        @Nullable Judge judge = judge(opt, s, policy, seed)) {
      RankingUpdater updater = RankingUpdater.builder(opt).refreshAvailability(false).build();
      GenerationRequest request = GenerationRequest.builder().user("simulated task").build();
      opt.refreshAvailability();
      for (int t = 0; t < s.calls(); t++) {
        provider.step(t);
        if (appears(s, t)) {
          opt.refreshAvailability();
        }
        int task = t % s.tasks().size();
        TaskType type = s.tasks().get(task);
        provider.task(task);
        if (policy.viaExecute()) {
          try {
            ExecutionResult r = opt.execute(type, request);
            chosen[t] = provider.indexOf(r.model());
          } catch (TaskOptimizerException e) {
            chosen[t] = provider.lastModel();
          }
        } else {
          String model = opt.bestModelFor(type);
          int i = provider.indexOf(model);
          SimProvider.Outcome o = provider.play(i, task);
          if (o.failed()) {
            opt.recordFeedback(type, model, o.total(), false);
          } else {
            opt.recordFeedback(type, model, o.total(), true, o.quality());
          }
          chosen[t] = i;
        }
        if ((t + 1) % UPDATE_EVERY == 0) {
          updater.update();
        }
      }
    } finally {
      delete(dir);
    }
    return chosen;
  }

  /** The simulated judge of a policy that has one, else null (nothing to close). */
  private static @Nullable Judge judge(TaskOptimizer opt, Scenario s, Policy policy, long seed) {
    if (policy.judgeShare() <= 0) {
      return null;
    }
    Judge.Builder j =
        Judge.builder(opt)
            .tasks(s.tasks())
            .sampleRate(policy.judgeShare())
            .seed(seed)
            .executor(Runnable::run) // synchronous: deterministic, no threads
            .addJudgeModel(SimProvider.JUDGE)
            .cacheSize(0) // simulated answers repeat
            .evidenceWeight(policy.judgeWeight());
    for (TaskType t : s.tasks()) {
      j.rubric(Rubric.builder(t).criterion("quality", "Overall quality of the answer.").build());
    }
    return j.build();
  }

  private static boolean appears(Scenario s, int step) {
    return step > 0 && s.models().stream().anyMatch(m -> m.appearsAt() == step);
  }

  private static void writeRankings(Scenario s, Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    for (int i = 0; i < s.tasks().size(); i++) {
      ArrayNode list = root.putArray(s.tasks().get(i).id());
      for (RankedModel m : s.rankings().get(i)) {
        list.addObject()
            .put("model", m.model())
            .put("quality_score", m.quality())
            .put("speed_score", m.speed());
      }
    }
    Files.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  static List<Path> tmpRoots() {
    return List.of(Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir")));
  }
}
