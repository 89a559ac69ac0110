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
 *
 * <p>Immutable (the {@code with} method returns a new set), so thread-safe.
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

  /** {@return the built-in samples: two per predefined task} */
  public static SampleInputs builtIn() {
    return new SampleInputs(BuiltInSamples.all());
  }

  /**
   * Exactly these samples.
   *
   * @param samples the samples, grouped by task in the order given; must not be null or hold null
   * @return a set of exactly these samples
   * @throws NullPointerException if {@code samples} or one of its elements is null
   * @throws IllegalArgumentException if two samples share an id
   */
  public static SampleInputs of(Collection<BenchmarkSample> samples) {
    Objects.requireNonNull(samples, "samples");
    return new SampleInputs(samples);
  }

  /**
   * These samples plus one more.
   *
   * @param sample the sample to add; must not be null
   * @return a new set with this set's samples and {@code sample}; this set is unchanged
   * @throws NullPointerException if {@code sample} is null
   * @throws IllegalArgumentException if its id is taken
   */
  public SampleInputs with(BenchmarkSample sample) {
    Objects.requireNonNull(sample, "sample");
    List<BenchmarkSample> all = new ArrayList<>(all());
    all.add(sample);
    return new SampleInputs(all);
  }

  /**
   * The samples of a task.
   *
   * @param task the task; must not be null
   * @return the task's samples in order (unmodifiable); empty if there are none
   * @throws NullPointerException if {@code task} is null
   */
  public List<BenchmarkSample> forTask(TaskType task) {
    Objects.requireNonNull(task, "task");
    return byTask.getOrDefault(task, List.of());
  }

  /** {@return the tasks that have samples, in the order they were first given (a new set)} */
  public Set<TaskType> tasks() {
    return new LinkedHashSet<>(byTask.keySet());
  }

  /** {@return all samples, grouped by task (a new, modifiable list)} */
  public List<BenchmarkSample> all() {
    List<BenchmarkSample> out = new ArrayList<>();
    byTask.values().forEach(out::addAll);
    return out;
  }
}
