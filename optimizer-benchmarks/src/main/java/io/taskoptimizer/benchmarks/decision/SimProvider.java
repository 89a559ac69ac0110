package io.taskoptimizer.benchmarks.decision;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.ProviderServerException;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
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

  private final Scenario scenario;
  private final Noise noise;
  private final SimClock clock;
  private final Map<String, Integer> index = new HashMap<>();
  private volatile int step;
  private volatile int lastModel = -1;

  SimProvider(Scenario scenario, Noise noise, SimClock clock) {
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
    return out;
  }

  /** Plays one call of a model at the current step for the task with this index. */
  Outcome play(int model, int task) {
    int t = step;
    SimModel m = scenario.models().get(model);
    lastModel = model;
    double warmSeconds = m.latencySeconds() * Math.exp(scenario.latencySigma() * noise.latency[model][t]);
    if (noise.stall[model][t] < scenario.stallProbability()) {
      warmSeconds *= scenario.stallFactor();
    }
    double loadSeconds = noise.coldLoad[model][t] < scenario.coldLoadProbability()
        ? scenario.coldLoadSeconds() : 0;
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
    int i = indexOf(name);
    if (i < 0 || !scenario.models().get(i).servedAt(step)) {
      throw new ModelNotFoundException(name, "simulated provider does not serve " + name);
    }
    Outcome o = play(i, currentTask);
    if (o.failed()) {
      throw new ProviderServerException(500, "simulated failure of " + name, null);
    }
    String text = SimAssessor.PREFIX + o.quality();
    listener.onToken(text);
    return GenerationResult.builder(text, name)
        .doneReason("stop")
        .loadTime(o.load())
        .evalTime(o.warm())
        .totalTime(o.total())
        .serverTotalTime(o.total())
        .build();
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }
}
