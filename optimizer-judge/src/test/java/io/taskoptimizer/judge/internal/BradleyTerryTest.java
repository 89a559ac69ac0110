package io.taskoptimizer.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.judge.ComparisonPair;
import io.taskoptimizer.judge.Rating;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BradleyTerryTest {

  private static List<ComparisonStore.Entry> games(double[] strengths, int perPair, long seed) {
    Random random = new Random(seed);
    List<ComparisonStore.Entry> out = new ArrayList<>();
    for (int k = 0; k < perPair; k++) {
      for (int i = 0; i < strengths.length; i++) {
        for (int j = i + 1; j < strengths.length; j++) {
          boolean iWins = random.nextDouble() < BradleyTerry.sigmoid(strengths[i] - strengths[j]);
          out.add(
              new ComparisonStore.Entry(
                  "m" + i, "m" + j, iWins ? "a" : "b", "judge", false, 10, 10, ""));
        }
      }
    }
    return out;
  }

  @Test
  void theFitRecoversKnownStrengthsWithinTheirStandardErrors() {
    double[] truth = {1.5, 0.5, 0.0, -2.0};
    List<Rating> ratings = Ratings.of(games(truth, 400, 7));

    assertThat(ratings).extracting(Rating::model).containsExactly("m0", "m1", "m2", "m3");
    double mean = ratings.stream().mapToDouble(Rating::rating).average().orElseThrow();
    for (Rating r : ratings) {
      int i = Integer.parseInt(r.model().substring(1));
      double trueCentred = truth[i] - (1.5 + 0.5 + 0.0 - 2.0) / 4;
      assertThat(r.rating() - mean)
          .as(r.model())
          .isCloseTo(
              trueCentred, org.assertj.core.data.Offset.offset(3 * r.standardError() + 0.05));
      assertThat(r.standardError()).isBetween(0.01, 0.2);
      assertThat(r.comparisons()).isEqualTo(1200);
    }
  }

  @Test
  void standardErrorsShrinkWithMoreComparisonsAndAnUnbeatenModelStaysFinite() {
    double[] truth = {1.0, 0.0};
    Rating few = Ratings.of(games(truth, 10, 1)).get(0);
    Rating many = Ratings.of(games(truth, 1000, 1)).get(0);
    assertThat(many.standardError()).isLessThan(few.standardError() / 5);

    List<ComparisonStore.Entry> unbeaten = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      unbeaten.add(new ComparisonStore.Entry("best", "worst", "a", "judge", false, 1, 1, ""));
    }
    List<Rating> r = Ratings.of(unbeaten);
    assertThat(r.get(0).model()).isEqualTo("best");
    assertThat(r.get(0).rating()).isFinite().isPositive();
    assertThat(r.get(0).quality()).isGreaterThan(0.5).isLessThan(1.0);
    assertThat(r.get(1).quality()).isLessThan(0.5);
  }

  @Test
  void tiesCountHalfAWinEach() {
    List<ComparisonStore.Entry> ties = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      ties.add(new ComparisonStore.Entry("x", "y", "tie", "judge", false, 1, 1, ""));
    }
    List<Rating> r = Ratings.of(ties);
    assertThat(r.get(0).rating())
        .isCloseTo(r.get(1).rating(), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.get(0).ties()).isEqualTo(10);
  }

  @Test
  void theLeastCertainPairComesFirstAndUncomparedModelsAreScheduled() {
    // m0 >> m1 clearly; m1 vs m2 barely compared
    List<ComparisonStore.Entry> entries = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      entries.add(new ComparisonStore.Entry("m0", "m1", "a", "judge", false, 1, 1, ""));
    }
    entries.add(new ComparisonStore.Entry("m1", "m2", "a", "judge", false, 1, 1, ""));

    List<ComparisonPair> next = Ratings.leastCertain(Ratings.fit(entries, List.of("m3")), 6);

    assertThat(next).hasSize(6);
    assertThat(next.get(0).orderConfidence()).isLessThanOrEqualTo(next.get(5).orderConfidence());
    assertThat(next.get(0).modelA() + next.get(0).modelB()).contains("m3");
    ComparisonPair clear =
        next.stream()
            .filter(p -> p.modelA().equals("m0") && p.modelB().equals("m1"))
            .findFirst()
            .orElseThrow();
    assertThat(clear.orderConfidence()).isGreaterThan(0.99);
    assertThat(next.indexOf(clear))
        .isGreaterThan(
            next.indexOf(
                next.stream()
                    .filter(p -> p.modelA().equals("m1") && p.modelB().equals("m2"))
                    .findFirst()
                    .orElseThrow()));
  }
}
