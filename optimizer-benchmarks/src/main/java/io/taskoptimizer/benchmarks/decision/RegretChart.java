package io.taskoptimizer.benchmarks.decision;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A self-contained SVG: cumulative regret over calls, one panel per scenario, one line per policy.
 */
final class RegretChart {

  private static final String[] COLOURS = {
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"
  };
  private static final int PANEL_W = 300;
  private static final int PANEL_H = 210;
  private static final int COLS = 3;

  private RegretChart() {}

  /**
   * Renders the chart.
   *
   * @param scenarios panel titles, in order
   * @param policies line names, in order
   * @param regret per scenario, per policy: mean cumulative regret sampled every {@link
   *     Metrics#SAMPLE} calls
   * @param calls calls per run
   */
  static String svg(
      List<String> scenarios,
      List<String> policies,
      Map<String, Map<String, double[]>> regret,
      int calls) {
    int rows = (scenarios.size() + COLS - 1) / COLS;
    int width = COLS * PANEL_W + 20;
    int height = rows * PANEL_H + 60;
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"11\">%n",
            width,
            height,
            width,
            height));
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    sb.append(
        "<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">Cumulative regret (oracle"
            + " utility minus chosen, mean over seeds) by calls</text>\n");
    // legend
    int lx = 10;
    for (int p = 0; p < policies.size(); p++) {
      String c = COLOURS[p % COLOURS.length];
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"34\" x2=\"%d\" y2=\"34\" stroke=\"%s\""
                  + " stroke-width=\"3\"/><text x=\"%d\" y=\"38\">%s</text>%n",
              lx,
              lx + 18,
              c,
              lx + 22,
              escape(policies.get(p))));
      lx += 30 + 7 * policies.get(p).length();
    }
    for (int s = 0; s < scenarios.size(); s++) {
      int x0 = 10 + (s % COLS) * PANEL_W;
      int y0 = 50 + (s / COLS) * PANEL_H;
      panel(
          sb,
          scenarios.get(s),
          policies,
          Objects.requireNonNull(regret.get(scenarios.get(s)), "regret of every scenario"),
          calls,
          x0,
          y0);
    }
    sb.append("</svg>\n");
    return sb.toString();
  }

  private static void panel(
      StringBuilder sb,
      String title,
      List<String> policies,
      Map<String, double[]> lines,
      int calls,
      int x0,
      int y0) {
    int left = x0 + 40;
    int top = y0 + 20;
    int w = PANEL_W - 55;
    int h = PANEL_H - 55;
    double max = 1e-9;
    for (double[] l : lines.values()) {
      for (double v : l) {
        max = Math.max(max, v);
      }
    }
    // a panel without regret still gets a readable axis
    double yMax = niceCeiling(Math.max(max, 1));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
            left,
            y0 + 12,
            escape(title)));
    sb.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\"/>%n",
            left,
            top,
            w,
            h));
    for (int i = 0; i <= 4; i++) {
      double v = yMax * i / 4;
      int y = top + h - (int) Math.round(h * i / 4.0);
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                  + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n",
              left - 3,
              y + 4,
              trim(v),
              left,
              y,
              left + w,
              y));
    }
    for (int i = 0; i <= 2; i++) {
      int x = left + (int) Math.round(w * i / 2.0);
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
              x,
              top + h + 14,
              calls * i / 2));
    }
    for (int p = 0; p < policies.size(); p++) {
      double[] l = lines.get(policies.get(p));
      if (l == null || l.length == 0) {
        continue;
      }
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < l.length; i++) {
        double x = left + w * (i + 1) / (double) l.length;
        double y = top + h - h * l[i] / yMax;
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"" + " points=\"%s\"/>%n",
              COLOURS[p % COLOURS.length],
              pts.toString().trim()));
    }
  }

  private static double niceCeiling(double v) {
    double mag = Math.pow(10, Math.floor(Math.log10(v)));
    for (double f : new double[] {1, 2, 4, 5, 8, 10}) {
      if (f * mag >= v) {
        return f * mag;
      }
    }
    return 10 * mag;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
