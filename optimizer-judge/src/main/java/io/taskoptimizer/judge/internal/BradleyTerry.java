package io.taskoptimizer.judge.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Bradley-Terry ratings: {@code P(i beats j) = 1 / (1 + exp(-(r_i - r_j)))}, a tie counting half a
 * win for each side. The fit is the maximum a-posteriori estimate under the ridge prior {@code r ~
 * N(0, 1/RIDGE)} (which makes it unique even for a model that won or lost every comparison), by
 * Newton's method on the log posterior, which is strictly concave. The covariance of the ratings is
 * the inverse of the negative Hessian (Fisher information plus prior precision).
 */
public final class BradleyTerry {

  /** The ridge prior's precision: prior standard deviation {@code 1/sqrt(0.1) = 3.2} logits. */
  public static final double RIDGE = 0.1;

  private static final int MAX_ITERATIONS = 100;

  private BradleyTerry() {}

  /**
   * One comparison between models {@code i} and {@code j}.
   *
   * @param scoreI 1 when i won, 0 when j won, 0.5 for a tie
   */
  public record Game(int i, int j, double scoreI) {}

  /**
   * The fit: ratings and their covariance.
   *
   * <p>A plain class rather than a record: a record's equals, hashCode and toString would compare
   * and print the arrays by identity. The arrays are shared, not copied; nobody modifies them after
   * {@link BradleyTerry#fit}.
   */
  public static final class Fit {
    private final double[] ratings;
    private final double[][] covariance;

    /**
     * A fit of {@code n} models.
     *
     * @param ratings the MAP rating of each model, by index (length n; not copied)
     * @param covariance the n x n covariance of the centred ratings (not copied)
     */
    public Fit(double[] ratings, double[][] covariance) {
      this.ratings = ratings;
      this.covariance = covariance;
    }

    /** {@return the MAP rating of each model, by index (the array itself: do not modify it)} */
    public double[] ratings() {
      return ratings;
    }

    /** {@return the covariance of the centred ratings (the array itself: do not modify it)} */
    public double[][] covariance() {
      return covariance;
    }

    /**
     * The standard error of a rating.
     *
     * @param i the model's index
     * @return the standard error of rating {@code i}
     */
    public double standardError(int i) {
      return Math.sqrt(Math.max(0, covariance[i][i]));
    }

    /**
     * The standard deviation of a rating difference.
     *
     * @param i one model's index
     * @param j the other model's index
     * @return the standard deviation of {@code r_i - r_j}, at least 1e-6
     */
    public double differenceSd(int i, int j) {
      return Math.sqrt(Math.max(1e-12, covariance[i][i] + covariance[j][j] - 2 * covariance[i][j]));
    }

    /**
     * The probability that the fitted order of two models is the true one.
     *
     * @param i one model's index
     * @param j the other model's index
     * @return {@code Phi(|r_i - r_j| / sd(r_i - r_j))}, 0.5..1
     */
    public double orderConfidence(int i, int j) {
      return normalCdf(Math.abs(ratings[i] - ratings[j]) / differenceSd(i, j));
    }

    /** {@return the model indices by rating, best first (ties by index)} */
    public List<Integer> order() {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < ratings.length; i++) {
        idx.add(i);
      }
      idx.sort(Comparator.comparingDouble((Integer i) -> -ratings[i]).thenComparing(i -> i));
      return idx;
    }

    /** {@return the mean rating (0 for no models)} */
    public double mean() {
      return Arrays.stream(ratings).average().orElse(0);
    }
  }

  /**
   * Fits {@code n} models to the games. Games are first summed per pair (count and score), so an
   * iteration costs O(pairs + n^3), whatever the number of games.
   *
   * @param n the number of models, indexed 0..n-1
   * @param games the comparisons, with indices below {@code n}
   * @return the MAP ratings and their covariance
   */
  public static Fit fit(int n, List<Game> games) {
    double[][] count = new double[n][n];
    double[][] score = new double[n][n];
    for (Game g : games) {
      int i = Math.min(g.i(), g.j());
      int j = Math.max(g.i(), g.j());
      count[i][j] += 1;
      score[i][j] += g.i() == i ? g.scoreI() : 1 - g.scoreI();
    }
    double[] r = new double[n];
    double[][] info = new double[n][n];
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] grad = new double[n];
      information(r, count, info);
      for (int i = 0; i < n; i++) {
        grad[i] -= RIDGE * r[i];
        for (int j = i + 1; j < n; j++) {
          if (count[i][j] > 0) {
            double d = score[i][j] - count[i][j] * sigmoid(r[i] - r[j]);
            grad[i] += d;
            grad[j] -= d;
          }
        }
      }
      double[] step = solve(info, grad);
      double max = 0;
      for (int i = 0; i < n; i++) {
        r[i] += step[i];
        max = Math.max(max, Math.abs(step[i]));
      }
      if (max < 1e-10) {
        break;
      }
    }
    information(r, count, info);
    return new Fit(r, centred(invert(info)));
  }

  /** The negative Hessian of the log posterior at {@code r}: Fisher information plus the prior. */
  private static void information(double[] r, double[][] count, double[][] info) {
    int n = r.length;
    for (double[] row : info) {
      Arrays.fill(row, 0);
    }
    for (int i = 0; i < n; i++) {
      info[i][i] += RIDGE;
      for (int j = i + 1; j < n; j++) {
        if (count[i][j] > 0) {
          double p = sigmoid(r[i] - r[j]);
          double w = count[i][j] * p * (1 - p);
          info[i][i] += w;
          info[j][j] += w;
          info[i][j] -= w;
          info[j][i] -= w;
        }
      }
    }
  }

  /**
   * The covariance of the centred ratings {@code r - mean(r)}: {@code P C P} with {@code P = I -
   * 11'/n}. Only differences of ratings are identified by comparisons (the common level rests on
   * the prior alone), so this is the uncertainty that matters; differences are unchanged by it.
   * (The MAP ratings already have mean 0: at the optimum the prior's gradient {@code -RIDGE *
   * sum(r)} must cancel, and the comparisons' gradients sum to 0.)
   */
  private static double[][] centred(double[][] c) {
    int n = c.length;
    double[] rowMean = new double[n];
    double all = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        rowMean[i] += c[i][j] / n;
      }
      all += rowMean[i] / n;
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i][j] = c[i][j] - rowMean[i] - rowMean[j] + all;
      }
    }
    return out;
  }

  /**
   * The logistic function.
   *
   * @param x the argument
   * @return {@code 1 / (1 + exp(-x))}
   */
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /**
   * The standard normal CDF (Abramowitz-Stegun 7.1.26, error below 1.5e-7).
   *
   * @param z the argument
   * @return {@code P(Z <= z)} for a standard normal {@code Z}
   */
  public static double normalCdf(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erf =
        1
            - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                    + 0.254829592)
                * t
                * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }

  /** Solves {@code a x = b} for a symmetric positive definite {@code a} (Gaussian elimination). */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    eliminate(m, n, 1);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = m[i][n];
    }
    return x;
  }

  static double[][] invert(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n + i] = 1;
    }
    eliminate(m, n, n);
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], n, inv[i], 0, n);
    }
    return inv;
  }

  /**
   * Gauss-Jordan with partial pivoting on an augmented matrix with {@code extra} right-hand
   * columns.
   */
  private static void eliminate(double[][] m, int n, int extra) {
    int cols = n + extra;
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] tmp = m[c];
      m[c] = m[pivot];
      m[pivot] = tmp;
      double p = m[c][c];
      for (int k = c; k < cols; k++) {
        m[c][k] /= p;
      }
      for (int r = 0; r < n; r++) {
        if (r != c && m[r][c] != 0) {
          double f = m[r][c];
          for (int k = c; k < cols; k++) {
            m[r][k] -= f * m[c][k];
          }
        }
      }
    }
  }
}
