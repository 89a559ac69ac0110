package io.taskoptimizer.core.benchmark;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.benchmark.BuiltInSamples;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The inputs a benchmark runs, grouped by task. {@link #builtIn()} has two synthetic samples per
 * predefined task (one English, one German: invented postings and candidates, realistic prompts,
 * JSON where the pipeline asks for JSON), so a benchmark runs with no user data. Combine them with
 * your own through {@link #with(BenchmarkSample)} or build a set with {@link #of(Collection)}.
 * Immutable.
 */
public final class SampleInputs {

  private final Map<TaskType, List<BenchmarkSample>> byTask;

  private SampleInputs(Collection<BenchmarkSample> samples) {
    Map<TaskType, List<BenchmarkSample>> m = new LinkedHashMap<>();
    Set<String> ids = new HashSet<>();
    for (BenchmarkSample s : samples) {
      Objects.requireNonNull(s, "sample");
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException(
            "Two benchmark samples use the id '" + s.id() + "'; ids must be unique");
      }
      m.computeIfAbsent(s.task(), t -> new ArrayList<>()).add(s);
    }
    m.replaceAll((t, l) -> List.copyOf(l));
    this.byTask = m;
  }

  /** The built-in samples: two per predefined task. */
  public static SampleInputs builtIn() {
    return new SampleInputs(BuiltInSamples.all());
  }

  /**
   * Exactly these samples.
   *
   * @throws IllegalArgumentException if two samples share an id
   */
  public static SampleInputs of(Collection<BenchmarkSample> samples) {
    Objects.requireNonNull(samples, "samples");
    return new SampleInputs(samples);
  }

  /**
   * These samples plus one more.
   *
   * @throws IllegalArgumentException if its id is taken
   */
  public SampleInputs with(BenchmarkSample sample) {
    Objects.requireNonNull(sample, "sample");
    List<BenchmarkSample> all = new ArrayList<>(all());
    all.add(sample);
    return new SampleInputs(all);
  }

  /** The samples of a task, in order; empty if there are none. */
  public List<BenchmarkSample> forTask(TaskType task) {
    Objects.requireNonNull(task, "task");
    return byTask.getOrDefault(task, List.of());
  }

  /** The tasks that have samples, in the order they were first given. */
  public Set<TaskType> tasks() {
    return new LinkedHashSet<>(byTask.keySet());
  }

  /** All samples, grouped by task. */
  public List<BenchmarkSample> all() {
    List<BenchmarkSample> out = new ArrayList<>();
    byTask.values().forEach(out::addAll);
    return out;
  }
}
