package io.taskoptimizer.core.internal.ranking;

import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.RankingChange;
import io.taskoptimizer.spi.StoredFeedback;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The ranking update as a pure function of the current rankings, the feedback, the available models
 * and the remembered {@link RankingState}: no I/O, no clock, so every formula can be tested on
 * plain data. The formulas are documented on {@code io.taskoptimizer.core.RankingUpdater}.
 */
public final class RankingCalculator {

  /**
   * The formula parameters.
   *
   * @param priorWeight k: how many observations the prior counts as
   * @param failurePenalty how strongly the (shrunk) failure rate lowers quality, 0..1
   * @param neutralQuality the quality given to models without a score
   * @param neutralSpeed the speed given to models without a score
   */
  public record Params(
      double priorWeight, double failurePenalty, double neutralQuality, double neutralSpeed) {}

  /**
   * What the calculation works on.
   *
   * @param rankings the current rankings, tasks and entries in file order
   * @param feedback aggregated feedback per task and model
   * @param weights the weights of each task, for ordering
   * @param availabilityKnown whether a provider answered
   * @param available the models served (ignored when availability is unknown)
   * @param state what earlier updates remembered
   * @param now the time of this update
   * @param learned the optimizer's learned estimates per task and normalised model name (models
   *     with evidence only); a model with a learned estimate gets it as its new scores instead of
   *     the shrinkage formulas
   */
  public record Input(
      Map<TaskType, List<RankedModel>> rankings,
      Map<TaskType, Map<String, StoredFeedback>> feedback,
      Function<TaskType, PriorityWeights> weights,
      boolean availabilityKnown,
      List<ModelDescriptor> available,
      RankingState state,
      Instant now,
      Map<TaskType, Map<String, Learned>> learned) {

    /**
     * An input without learned estimates (the shrinkage formulas only).
     *
     * @param rankings the current rankings, tasks and entries in file order
     * @param feedback aggregated feedback per task and model
     * @param weights the weights of each task, for ordering
     * @param availabilityKnown whether a provider answered
     * @param available the models served (ignored when availability is unknown)
     * @param state what earlier updates remembered
     * @param now the time of this update
     */
    public Input(
        Map<TaskType, List<RankedModel>> rankings,
        Map<TaskType, Map<String, StoredFeedback>> feedback,
        Function<TaskType, PriorityWeights> weights,
        boolean availabilityKnown,
        List<ModelDescriptor> available,
        RankingState state,
        Instant now) {
      this(rankings, feedback, weights, availabilityKnown, available, state, now, Map.of());
    }
  }

  /**
   * A learned estimate in the file's terms.
   *
   * @param quality posterior mean quality times (1 - posterior failure rate)
   * @param speed posterior mean speed on the task's one speed scale
   * @param why a short account for the change log
   */
  public record Learned(double quality, double speed, String why) {}

  /**
   * What changed.
   *
   * @param rankings the new rankings of the tasks that changed (only those)
   * @param changes the diff
   * @param newModels models added because a provider serves them and no ranking listed them
   * @param unavailable ranked models not served now (their first missing time is in the state)
   * @param needsBenchmark models still flagged for benchmarking
   * @param notes findings for humans
   * @param state the state to remember
   */
  public record Output(
      Map<TaskType, List<RankedModel>> rankings,
      List<RankingChange> changes,
      List<String> newModels,
      List<String> unavailable,
      List<String> needsBenchmark,
      List<String> notes,
      RankingState state) {}

  private RankingCalculator() {}

  /** Rounds scores written to the file, so diffs and the file stay readable. */
  static double round(double v) {
    return Math.round(v * 10_000.0) / 10_000.0;
  }

  static double clamp(double v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }

  /** {@code (n * observed + k * prior) / (n + k)}: the observed value, shrunk toward the prior. */
  static double shrink(double observed, long n, double prior, double k) {
    return (n * observed + k * prior) / (n + k);
  }

  /**
   * Runs the update.
   *
   * @param in what the calculation works on
   * @param p the formula parameters
   * @return the new rankings of the changed tasks, what changed and the state to remember
   * @throws NullPointerException if {@code in} or {@code p} is null
   */
  public static Output compute(Input in, Params p) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(p, "p");
    List<String> notes = new ArrayList<>();
    Map<String, Map<String, RankingState.Evidence>> evidence = new TreeMap<>();
    in.state().evidence().forEach((t, m) -> evidence.put(t, new TreeMap<>(m)));
    Map<String, RankingState.Discovered> discovered = new TreeMap<>(in.state().discovered());

    // models ranked anywhere, by normalised name
    Set<String> rankedAnywhere = new LinkedHashSet<>();
    in.rankings()
        .values()
        .forEach(l -> l.forEach(m -> rankedAnywhere.add(ModelNames.normalize(m.model()))));

    Map<String, ModelDescriptor> served = new LinkedHashMap<>();
    if (in.availabilityKnown()) {
      for (ModelDescriptor d : in.available()) {
        served.putIfAbsent(d.normalizedName(), d);
      }
    }

    Map<TaskType, List<RankedModel>> changedRankings = new LinkedHashMap<>();
    List<RankingChange> changes = new ArrayList<>();
    List<String> newModels = new ArrayList<>();

    // new models: served, in no ranking, and not removed by hand after an earlier discovery
    List<ModelDescriptor> toAdd = new ArrayList<>();
    for (ModelDescriptor d : served.values()) {
      String key = d.normalizedName();
      if (rankedAnywhere.contains(key)) {
        continue;
      }
      if (hasControlCharacters(d.name())) {
        // a name with terminal escapes or newlines would be printed and saved as a ranked model
        notes.add(
            "A model named '"
                + escapeControls(d.name())
                + "' contains control characters; not ranked");
        continue;
      }
      if (!d.capabilities().isEmpty() && !d.capabilities().contains("completion")) {
        notes.add(
            d.name()
                + " is not a text-generation model (capabilities "
                + d.capabilities()
                + "); not ranked");
        continue;
      }
      if (discovered.containsKey(key)) {
        notes.add(
            d.name()
                + " was added by an earlier update and has since been removed from the rankings by"
                + " hand; not adding it again (remove it from "
                + RankingStateFile.NAME
                + " to have it re-added)");
        continue;
      }
      if (in.rankings().isEmpty()) {
        notes.add(d.name() + " is served but there are no ranked tasks to add it to");
        continue;
      }
      toAdd.add(d);
    }

    for (Map.Entry<TaskType, List<RankedModel>> e : in.rankings().entrySet()) {
      TaskType task = e.getKey();
      TaskResult r = updateTask(task, e.getValue(), in, p, evidence, toAdd);
      if (r.changed) {
        changedRankings.put(task, r.ranking);
        changes.addAll(r.changes);
      }
    }
    for (ModelDescriptor d : toAdd) {
      newModels.add(d.name());
      List<String> tasks = in.rankings().keySet().stream().map(TaskType::id).toList();
      discovered.put(
          d.normalizedName(),
          new RankingState.Discovered(d.name(), d.provider(), in.now(), tasks, tasks));
    }

    // benchmark flags clear once the model has quality ratings for a task
    List<String> needsBenchmark = new ArrayList<>();
    for (Map.Entry<String, RankingState.Discovered> e : new ArrayList<>(discovered.entrySet())) {
      RankingState.Discovered d = e.getValue();
      List<String> pending = new ArrayList<>();
      for (String taskId : d.needsBenchmark()) {
        Optional<StoredFeedback> f = feedbackOf(in, taskId, e.getKey());
        if (f.isEmpty() || f.get().qualityRatings().isEmpty()) {
          pending.add(taskId);
        }
      }
      if (pending.size() != d.needsBenchmark().size()) {
        discovered.put(
            e.getKey(),
            new RankingState.Discovered(
                d.model(), d.provider(), d.firstSeen(), d.addedTo(), pending));
        if (pending.isEmpty()) {
          notes.add(
              d.model()
                  + " now has quality ratings on every task it was added to; benchmark flag cleared");
        }
      }
      if (!pending.isEmpty()) {
        needsBenchmark.add(d.model());
      }
    }

    // ranked models that are not served stay ranked, reported unavailable
    Map<String, Instant> unavailableState = new TreeMap<>();
    List<String> unavailable = new ArrayList<>();
    if (in.availabilityKnown()) {
      Map<String, String> display = new LinkedHashMap<>();
      in.rankings()
          .values()
          .forEach(
              l -> l.forEach(m -> display.putIfAbsent(ModelNames.normalize(m.model()), m.model())));
      for (Map.Entry<String, String> m : display.entrySet()) {
        if (!served.containsKey(m.getKey())) {
          Instant since = in.state().unavailable().getOrDefault(m.getKey(), in.now());
          unavailableState.put(m.getKey(), since);
          unavailable.add(m.getValue());
        } else if (in.state().unavailable().containsKey(m.getKey())) {
          notes.add(m.getValue() + " is served again");
        }
      }
    } else {
      unavailableState.putAll(in.state().unavailable());
    }

    // feedback for tasks that have no ranking cannot be turned into one
    for (Map.Entry<TaskType, Map<String, StoredFeedback>> f : in.feedback().entrySet()) {
      if (!in.rankings().containsKey(f.getKey()) && !f.getValue().isEmpty()) {
        notes.add(
            "feedback for task '"
                + f.getKey().id()
                + "' ("
                + f.getValue().size()
                + " model(s)) was not used: the task has no ranking");
      }
    }

    RankingState state =
        new RankingState(Optional.of(in.now()), discovered, unavailableState, evidence);
    return new Output(
        changedRankings, changes, newModels, unavailable, needsBenchmark, notes, state);
  }

  private static Optional<StoredFeedback> feedbackOf(
      Input in, String taskId, String normalizedModel) {
    for (Map.Entry<TaskType, Map<String, StoredFeedback>> t : in.feedback().entrySet()) {
      if (t.getKey().id().equals(taskId)) {
        for (Map.Entry<String, StoredFeedback> m : t.getValue().entrySet()) {
          if (ModelNames.normalize(m.getKey()).equals(normalizedModel)) {
            return Optional.of(m.getValue());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static final class TaskResult {
    boolean changed;
    List<RankedModel> ranking = List.of(); // set by updateTask on every path
    List<RankingChange> changes = new ArrayList<>();
  }

  /** One entry while a task is updated. */
  private static final class Entry {
    final @Nullable RankedModel before;
    RankedModel after;
    @Nullable String reason;
    boolean added;
    boolean rescored;
    int oldIndex;

    Entry(@Nullable RankedModel before, RankedModel after, int oldIndex) {
      this.before = before;
      this.after = after;
      this.oldIndex = oldIndex;
    }

    /** The entry before the update; only an added entry has none. */
    RankedModel previous() {
      return Objects.requireNonNull(before, "an entry that was not added has a previous version");
    }

    /** Why the entry changed; every added or re-scored entry has a reason. */
    String why() {
      return Objects.requireNonNull(reason, "an added or re-scored entry has a reason");
    }
  }

  private static TaskResult updateTask(
      TaskType task,
      List<RankedModel> ranking,
      Input in,
      Params p,
      Map<String, Map<String, RankingState.Evidence>> evidence,
      List<ModelDescriptor> newModels) {
    Map<String, StoredFeedback> feedback = new LinkedHashMap<>();
    Map<String, String> feedbackNames = new HashMap<>();
    in.feedback()
        .getOrDefault(task, Map.of())
        .forEach(
            (name, f) -> {
              String key = ModelNames.normalize(name);
              if (feedback.putIfAbsent(key, f) == null) {
                feedbackNames.put(key, name);
              }
            });
    Map<String, RankingState.Evidence> taskEvidence =
        evidence.computeIfAbsent(task.id(), t -> new TreeMap<>());

    List<Entry> entries = new ArrayList<>();
    Set<String> present = new LinkedHashSet<>();
    for (int i = 0; i < ranking.size(); i++) {
      RankedModel m = ranking.get(i);
      entries.add(new Entry(m, m, i));
      present.add(ModelNames.normalize(m.model()));
    }
    // models with feedback for this task but no entry: added with the neutral prior
    for (Map.Entry<String, StoredFeedback> f : feedback.entrySet()) {
      if (!present.contains(f.getKey()) && f.getValue().executions() > 0) {
        RankedModel neutral =
            new RankedModel(
                // every feedback key got its name when it was put
                Objects.requireNonNull(feedbackNames.get(f.getKey()), "name of " + f.getKey()),
                p.neutralQuality(),
                p.neutralSpeed());
        Entry e = new Entry(null, neutral, Integer.MAX_VALUE);
        e.added = true;
        e.reason =
            "ran " + f.getValue().executions() + " time(s) without a ranking entry; neutral prior";
        entries.add(e);
        present.add(f.getKey());
        taskEvidence.remove(f.getKey());
      }
    }
    for (ModelDescriptor d : newModels) {
      if (present.add(d.normalizedName())) {
        Entry e =
            new Entry(
                null,
                new RankedModel(d.name(), p.neutralQuality(), p.neutralSpeed()),
                Integer.MAX_VALUE);
        e.added = true;
        e.reason =
            "new model served by " + d.provider() + "; neutral prior, flagged for benchmarking";
        entries.add(e);
      }
    }

    // the fastest average time among models of this task that succeeded at least once
    double fastest = Double.POSITIVE_INFINITY;
    @Nullable String fastestModel = null;
    for (Map.Entry<String, StoredFeedback> f : feedback.entrySet()) {
      StoredFeedback fb = f.getValue();
      if (present.contains(f.getKey())
          && fb.successes() > 0
          && fb.averageTimeSeconds() > 0
          && fb.averageTimeSeconds() < fastest) {
        fastest = fb.averageTimeSeconds();
        fastestModel = feedbackNames.get(f.getKey());
      }
    }

    Map<String, Learned> learned = in.learned().getOrDefault(task, Map.of());
    for (Entry e : entries) {
      String key = ModelNames.normalize(e.after.model());
      Learned l = learned.get(key);
      if (l != null) {
        // the optimizer's posterior already combines prior and (discounted) evidence
        taskEvidence.remove(key);
        RankedModel after =
            new RankedModel(e.after.model(), round(clamp(l.quality())), round(clamp(l.speed())));
        if (after.quality() != e.after.quality() || after.speed() != e.after.speed()) {
          e.rescored = !e.added;
          e.reason = e.added ? e.reason + "; " + l.why() : l.why();
          e.after = after;
        }
        continue;
      }
      StoredFeedback fb = feedback.get(key);
      RankingState.Evidence ev = taskEvidence.get(key);
      double priorQ = e.after.quality();
      double priorS = e.after.speed();
      String priorWhy = e.added ? "neutral prior" : "prior";
      if (ev != null) {
        boolean edited =
            e.after.quality() != ev.writtenQuality() || e.after.speed() != ev.writtenSpeed();
        boolean reset = fb != null && fb.executions() < ev.used().executions();
        if (edited) {
          priorWhy = "prior (edited in the file since the last update)";
          ev = null;
        } else if (reset) {
          priorWhy = "prior (feedback was reset; current score kept as the prior)";
          ev = null;
        } else {
          priorQ = ev.priorQuality();
          priorS = ev.priorSpeed();
        }
      }
      if (fb == null || fb.executions() == 0) {
        if (ev == null) {
          taskEvidence.remove(key);
        }
        continue; // no evidence: the scores stay exactly as they are
      }
      RankingState.Fingerprint fp = RankingState.Fingerprint.of(fb);
      if (ev != null && ev.used().equals(fp)) {
        continue; // no new evidence since the last update
      }
      Scored s = score(fb, priorQ, priorS, fastest, fastestModel, p, priorWhy);
      RankedModel after = new RankedModel(e.after.model(), s.quality, s.speed);
      taskEvidence.put(
          key, new RankingState.Evidence(priorQ, priorS, after.quality(), after.speed(), fp));
      if (after.quality() != e.after.quality() || after.speed() != e.after.speed()) {
        e.rescored = !e.added;
        e.reason = e.added ? e.reason + "; " + s.reason : s.reason;
        e.after = after;
      }
    }

    TaskResult result = new TaskResult();
    boolean anyChange = entries.stream().anyMatch(x -> x.added || x.rescored);
    if (!anyChange) {
      result.ranking = ranking;
      return result;
    }
    PriorityWeights w = in.weights().apply(task);
    // ranks before the update are positions in the effective order (by weighted score, as selection
    // sees it), not in the file: an unsorted file or a re-score that changes no order moves nobody
    List<Entry> sorted =
        new ArrayList<>(
            entries.stream()
                .filter(x -> !x.added)
                .sorted(Comparator.comparingDouble((Entry x) -> -x.previous().weightedScore(w)))
                .toList());
    for (int i = 0; i < sorted.size(); i++) {
      sorted.get(i).oldIndex = i;
    }
    entries.stream().filter(x -> x.added).forEach(sorted::add);
    // stable: equal scores keep their previous order, added models after existing ones
    sorted.sort(Comparator.comparingDouble((Entry x) -> -x.after.weightedScore(w)));
    result.changed = true;
    result.ranking = sorted.stream().map(x -> x.after).toList();
    int amongOld = 0; // position among the models ranked before: an added model moves nobody
    for (int i = 0; i < sorted.size(); i++) {
      Entry x = sorted.get(i);
      int rankAfter = i + 1;
      int rankBefore = x.added ? 0 : x.oldIndex + 1;
      boolean reordered = !x.added && amongOld++ != x.oldIndex;
      if (x.added) {
        result.changes.add(
            new RankingChange(
                task,
                x.after.model(),
                RankingChange.Kind.ADDED,
                Optional.empty(),
                x.after,
                0,
                rankAfter,
                x.why()));
      } else if (x.rescored) {
        result.changes.add(
            new RankingChange(
                task,
                x.after.model(),
                RankingChange.Kind.RESCORED,
                Optional.of(x.previous()),
                x.after,
                rankBefore,
                rankAfter,
                x.why()));
      } else if (reordered) {
        result.changes.add(
            new RankingChange(
                task,
                x.after.model(),
                RankingChange.Kind.MOVED,
                Optional.of(x.previous()),
                x.after,
                rankBefore,
                rankAfter,
                rankAfter > rankBefore
                    ? "scores unchanged; overtaken by re-scored or re-ordered models"
                    : "scores unchanged; moved up as models ahead of it were re-scored or re-ordered"));
      }
    }
    return result;
  }

  private record Scored(double quality, double speed, String reason) {}

  private static Scored score(
      StoredFeedback fb,
      double priorQ,
      double priorS,
      double fastest,
      @Nullable String fastestModel,
      Params p,
      String priorWhy) {
    double k = p.priorWeight();
    List<String> why = new ArrayList<>();
    int n = fb.qualityRatings().size();
    double quality = priorQ;
    if (n > 0) {
      double mean =
          fb.qualityRatings().stream().mapToDouble(Double::doubleValue).average().orElse(priorQ);
      quality = shrink(mean, n, priorQ, k);
      why.add(
          String.format(
              Locale.ROOT,
              "quality from %d rating(s), mean %.3f, shrunk toward %s %.3f with k=%s",
              n,
              mean,
              priorWhy,
              priorQ,
              fmt(k)));
    }
    if (fb.failures() > 0 && p.failurePenalty() > 0) {
      double rate = fb.failures() / (fb.executions() + k);
      double factor = 1 - p.failurePenalty() * rate;
      quality *= factor;
      why.add(
          String.format(
              Locale.ROOT,
              "%d of %d run(s) failed: quality x%.3f",
              fb.failures(),
              fb.executions(),
              factor));
    }
    double speed = priorS;
    if (Double.isFinite(fastest) && fb.successes() > 0 && fb.averageTimeSeconds() > 0) {
      double relative = fastest / fb.averageTimeSeconds();
      speed = shrink(relative, fb.executions(), priorS, k);
      why.add(
          String.format(
              Locale.ROOT,
              "speed from %d run(s), avg %s vs fastest %s (%s) = %.3f, shrunk toward %.3f",
              fb.executions(),
              seconds(fb.averageTimeSeconds()),
              seconds(fastest),
              fastestModel,
              relative,
              priorS));
    }
    return new Scored(round(clamp(quality)), round(clamp(speed)), String.join("; ", why));
  }

  private static String seconds(double s) {
    return s < 1
        ? String.format(Locale.ROOT, "%.0f ms", s * 1000)
        : String.format(Locale.ROOT, "%.2f s", s);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  /**
   * Whether a model name holds a control character (C0, DEL, C1) or a line or paragraph separator.
   */
  static boolean hasControlCharacters(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  private static String escapeControls(String name) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
