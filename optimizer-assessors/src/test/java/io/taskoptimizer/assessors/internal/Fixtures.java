package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.Map;
import java.util.Optional;

/** Synthetic postings and helpers for the assessor tests (invented companies, no real postings). */
final class Fixtures {

  private Fixtures() {}

  static final String POSTING_EN =
      """
      Senior Backend Engineer (m/w/d) - Nordlicht Logistics GmbH, Hamburg

      About us
      Nordlicht Logistics builds routing software for regional carriers.

      Your tasks
      - Design and run Java services for route planning
      - Review code and mentor two junior developers

      Your profile
      - 5+ years of experience with Java and Spring Boot
      - Solid knowledge of PostgreSQL and query tuning
      - Experience with Kafka or another message broker
      - Familiarity with Docker and Kubernetes
      - Fluent English; German is a plus

      What we offer
      - 30 days of vacation
      - Flexible working hours and a free fruit basket
      """;

  static final String POSTING_DE =
      """
      Data Analyst (m/w/d) bei Sonnenfeld Energie AG in Leipzig

      Deine Aufgaben:
      - Aufbereitung von Verbrauchsdaten
      - Erstellung von Dashboards für den Vertrieb

      Das bringst du mit:
      - Abgeschlossenes Studium der Statistik oder Informatik
      - Sehr gute Kenntnisse in SQL und Python
      - Erfahrung mit Power BI
      - Sichere Deutschkenntnisse

      Wir bieten:
      - 30 Tage Urlaub
      - JobRad und betriebliche Altersvorsorge
      """;

  static AssessmentInput text(TaskType task, String output) {
    return new AssessmentInput(
        task, output, "", Map.of(), ResponseFormat.TEXT, Optional.of("stop"));
  }

  static AssessmentInput json(TaskType task, String output) {
    return new AssessmentInput(
        task, output, "", Map.of(), ResponseFormat.JSON, Optional.of("stop"));
  }

  static AssessmentInput withPosting(
      TaskType task, String output, String posting, ResponseFormat format) {
    return new AssessmentInput(
        task,
        output,
        "",
        Map.of(GenerationRequest.INPUT_JOB_POSTING, posting),
        format,
        Optional.of("stop"));
  }

  static AssessmentInput withInputs(TaskType task, String output, Map<String, String> inputs) {
    return new AssessmentInput(task, output, "", inputs, ResponseFormat.TEXT, Optional.of("stop"));
  }

  static AssessmentInput truncated(AssessmentInput in) {
    return new AssessmentInput(
        in.task(),
        in.output(),
        in.prompt(),
        in.inputs(),
        in.requestedFormat(),
        Optional.of("length"));
  }

  static AssessmentInput withPrompt(AssessmentInput in, String prompt) {
    return new AssessmentInput(
        in.task(), in.output(), prompt, in.inputs(), in.requestedFormat(), in.doneReason());
  }

  /** {@code n} words of varied, sentence-shaped filler text. */
  static String words(int n) {
    String[] vocab =
        ("planning routing carriers services design review mentoring delivery quality tests "
                + "database queries tuning messaging brokers containers clusters deployment monitoring alerts "
                + "customers drivers depots schedules forecasts latency throughput budgets priorities roadmap")
            .split(" ", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(i % 14 == 0 ? ". " : " ");
      }
      String w = vocab[(i * 7 + i / 3) % vocab.length];
      sb.append(i % 14 == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
    }
    return sb.append('.').toString();
  }
}
