package io.taskoptimizer.benchmarks.decision;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.ProviderServerException;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import io.taskoptimizer.testserver.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process provider that plays the scenario's hidden truth: it serves the models that have
 * appeared by the current step, and a call's outcome (failure, noisy quality, warm latency, cold
 * load, stall) comes from the common random numbers of that model and step. Reported times are
 * simulated, and advance the simulated clock; nothing here reads the wall clock.
 */
final class SimProvider implements ModelProvider {

  /** What one simulated call did. */
  record Outcome(int model, boolean failed, double quality, Duration warm, Duration load) {
    Duration total() {
      return warm.plus(load);
    }
  }

  /** The simulated judge model: served, but not a text-generation candidate of the tasks. */
  static final String JUDGE = "sim-judge:14b";

  static final String JUDGE_TASK = "judge";
  private static final java.util.regex.Pattern TRUE_QUALITY =
      java.util.regex.Pattern.compile("true=([0-9.]+)");

  private final Scenario scenario;
  private final java.util.SplittableRandom judgeNoise;
  private final boolean serveJudge;
  private final Noise noise;
  private final MutableClock clock;
  private final Map<String, Integer> index = new HashMap<>();
  private volatile int step;
  private volatile int lastModel = -1;

  SimProvider(Scenario scenario, Noise noise, MutableClock clock) {
    this(scenario, noise, clock, false, 0);
  }

  /**
   * A provider that also serves the judge model when {@code serveJudge}; the judge's own noise
   * comes from its own stream, so judging never shifts the fleet's common random numbers.
   */
  SimProvider(Scenario scenario, Noise noise, MutableClock clock, boolean serveJudge, long seed) {
    this.serveJudge = serveJudge;
    this.judgeNoise = new java.util.SplittableRandom(seed * 31 + 7);
    this.scenario = scenario;
    this.noise = noise;
    this.clock = clock;
    for (int i = 0; i < scenario.models().size(); i++) {
      index.put(ModelNames.normalize(scenario.models().get(i).name()), i);
    }
  }

  void step(int step) {
    this.step = step;
  }

  /** The index of the model the last call ran, or -1. */
  int lastModel() {
    return lastModel;
  }

  int indexOf(String model) {
    Integer i = index.get(ModelNames.normalize(model));
    return i == null ? -1 : i;
  }

  @Override
  public String id() {
    return "simulated";
  }

  @Override
  public List<ModelDescriptor> listModels() {
    List<ModelDescriptor> out = new ArrayList<>();
    for (SimModel m : scenario.models()) {
      if (m.servedAt(step)) {
        out.add(ModelDescriptor.of(m.name(), id()));
      }
    }
    if (serveJudge) {
      // a capability other than "completion" keeps the judge out of the tasks' candidates
      out.add(ModelDescriptor.builder(JUDGE, id()).capabilities(List.of("judge")).build());
    }
    return out;
  }

  /** Plays one call of a model at the current step for the task with this index. */
  Outcome play(int model, int task) {
    int t = step;
    SimModel m = scenario.models().get(model);
    lastModel = model;
    double warmSeconds =
        m.latencySeconds() * Math.exp(scenario.latencySigma() * noise.latency[model][t]);
    if (noise.stall[model][t] < scenario.stallProbability()) {
      warmSeconds *= scenario.stallFactor();
    }
    double loadSeconds =
        noise.coldLoad[model][t] < scenario.coldLoadProbability() ? scenario.coldLoadSeconds() : 0;
    boolean failed = noise.failure[model][t] < m.failureRate();
    double q = m.qualityAt(task, t) + scenario.qualityNoise() * noise.quality[model][t];
    q = Math.max(0, Math.min(1, q));
    Outcome o = new Outcome(model, failed, q, seconds(warmSeconds), seconds(loadSeconds));
    clock.advance(o.total());
    return o;
  }

  private int currentTask;

  /** The task index of the next {@link #generate} call (the optimizer does not pass it on). */
  void task(int task) {
    this.currentTask = task;
  }

  @Override
  public GenerationResult generate(GenerationRequest request, TokenListener listener) {
    String name = request.model().orElseThrow();
    if (serveJudge && name.equals(JUDGE)) {
      return judge(request);
    }
    int i = indexOf(name);
    if (i < 0 || !scenario.models().get(i).servedAt(step)) {
      throw new ModelNotFoundException(name, "simulated provider does not serve " + name);
    }
    Outcome o = play(i, currentTask);
    if (o.failed()) {
      throw serverFailure("simulated failure of " + name);
    }
    // the assessor reads the noisy score; the judge reads the answer's true quality (and adds its
    // own, smaller noise), as a strong judge model would see what the heuristic misses
    String text =
        SimAssessor.PREFIX
            + o.quality()
            + " true="
            + scenario.models().get(i).qualityAt(currentTask, step);
    listener.onToken(text);
    return GenerationResult.builder(text, name)
        .doneReason("stop")
        .loadTime(o.load())
        .evalTime(o.warm())
        .totalTime(o.total())
        .serverTotalTime(o.total())
        .build();
  }

  /** Grades the answer in the judge prompt: true quality plus N(0, 0.05), as a score 1-10. */
  private GenerationResult judge(GenerationRequest request) {
    java.util.regex.Matcher m = TRUE_QUALITY.matcher(request.promptText());
    if (!m.find()) {
      return GenerationResult.builder("no answer to judge", JUDGE).doneReason("stop").build();
    }
    double q = Double.parseDouble(m.group(1)) + 0.05 * gaussian(judgeNoise);
    long score = Math.max(1, Math.min(10, Math.round(1 + 9 * q)));
    String verdict =
        "{\"criteria\":[{\"name\":\"quality\",\"score\":"
            + score
            + ",\"reason\":\"simulated judge\"}]}";
    return GenerationResult.builder(verdict, JUDGE)
        .doneReason("stop")
        .totalTime(Duration.ofSeconds(1))
        .build();
  }

  private static double gaussian(java.util.SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  private static ProviderServerException serverFailure(String message) {
    return new ProviderServerException(500, message, null);
  }
}
