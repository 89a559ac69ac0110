package io.taskoptimizer.core.internal.benchmark;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.benchmark.BenchmarkSample;
import java.util.List;

/**
 * The built-in benchmark inputs: invented postings and candidates (no real company or person), an
 * English and a German sample per predefined task, with the prompts, output formats and assessor
 * inputs the job-application pipeline uses. Deterministic sampling (temperature 0, fixed seed) so
 * repeated runs measure the model, not the dice.
 */
public final class BuiltInSamples {

  // input keys of the built-in assessors (optimizer-assessors, which core does not depend on)
  private static final String SCORE_RANGE = "score_range";
  private static final String WORD_RANGE = "word_range";

  private BuiltInSamples() {}

  static final String POSTING_EN =
      """
      Senior Backend Engineer (m/f/d) - Nordlicht Logistics GmbH, Hamburg (hybrid)

      About us
      Nordlicht Logistics builds route-planning software for regional parcel carriers.

      Your tasks
      - Design, build and run Java services for route planning and driver scheduling
      - Review code and mentor two junior developers
      - Take part in the on-call rotation for the services you own

      Your profile
      - 5+ years of experience with Java and Spring Boot
      - Solid knowledge of PostgreSQL, including query tuning
      - Experience with Kafka or another message broker
      - Familiarity with Docker and Kubernetes
      - Fluent English; German is a plus

      What we offer
      - 30 days of vacation and flexible working hours
      - A free fruit basket and monthly team events
      """;

  static final String CANDIDATE_EN =
      """
      Alex Example. Six years as a backend developer at a parcel-delivery start-up: Java 17 and Spring
      Boot services, PostgreSQL (schema design, slow-query analysis), Kafka consumers and producers,
      Docker for local development and CI. Has read Kubernetes manifests but never operated a cluster.
      Mentors one junior developer. English fluent, German B1.
      """;

  static final String POSTING_DE =
      """
      Data Analyst (m/w/d) - Sonnenfeld Energie AG, Leipzig

      Über uns
      Die Sonnenfeld Energie AG versorgt Haushalte in Sachsen mit Ökostrom.

      Deine Aufgaben:
      - Aufbereitung und Analyse von Verbrauchsdaten
      - Erstellung von Dashboards für den Vertrieb
      - Ad-hoc-Auswertungen für die Geschäftsführung

      Das bringst du mit:
      - Abgeschlossenes Studium der Statistik, Informatik oder Wirtschaftswissenschaften
      - Sehr gute Kenntnisse in SQL und Python
      - Erfahrung mit Power BI
      - Sichere Deutschkenntnisse in Wort und Schrift

      Wir bieten:
      - 30 Tage Urlaub, JobRad und betriebliche Altersvorsorge
      - Flexible Arbeitszeiten und Homeoffice
      """;

  static final String CANDIDATE_DE =
      """
      Jana Beispiel. M.Sc. Statistik. Drei Jahre Datenanalystin bei einem Stadtwerk: SQL (PostgreSQL),
      Python (pandas), Dashboards mit Tableau, erste Projekte mit Power BI. Deutsch Muttersprache,
      Englisch fließend.
      """;

  private static final String ASSESSMENT_SYSTEM =
      "You write honest, specific self-assessments of job candidates."
          + " Write in the first person as the candidate. No preamble, no closing remarks, no questions.";
  private static final String JSON_SYSTEM =
      "You answer with JSON only, exactly in the requested shape.";
  private static final String LETTER_SYSTEM =
      "You write cover letters for job candidates. Output only the letter:"
          + " no preamble, no placeholders such as [Your Name], no headings.";

  private static final String EXTRACTION_SCHEMA =
      """
      {"type": "object",
       "properties": {"title": {"type": "string"}, "company": {"type": "string"},
                      "location": {"type": "string"},
                      "requirements": {"type": "array", "items": {"type": "string"}}},
       "required": ["title", "company", "location", "requirements"]}
      """;

  private static GenerationRequest.Builder base(String system, int maxTokens) {
    return GenerationRequest.builder()
        .system(system)
        .temperature(0.0)
        .seed(42)
        .maxTokens(maxTokens);
  }

  /**
   * {@return all built-in samples, grouped by task in the order of {@link TaskType#predefined()}}
   */
  public static List<BenchmarkSample> all() {
    return List.of(
        new BenchmarkSample(
            "self_assessment/backend-en",
            TaskType.SELF_ASSESSMENT,
            base(ASSESSMENT_SYSTEM, 700)
                .user(
                    "Job posting:\n"
                        + POSTING_EN
                        + "\nCandidate:\n"
                        + CANDIDATE_EN
                        + "\nAssess how well I match this job. Write three to five short paragraphs, address each"
                        + " requirement, name my gaps honestly and end with an overall rating from 1 to 10.")
                .input(GenerationRequest.INPUT_JOB_POSTING, POSTING_EN)
                .input(GenerationRequest.INPUT_CANDIDATE_PROFILE, CANDIDATE_EN)
                .input(
                    GenerationRequest.INPUT_SKILLS,
                    "Java, Spring Boot, PostgreSQL, Kafka, Docker, Kubernetes")
                .input(GenerationRequest.INPUT_ROLE, "Senior Backend Engineer")
                .build()),
        new BenchmarkSample(
            "self_assessment/analyst-de",
            TaskType.SELF_ASSESSMENT,
            base(ASSESSMENT_SYSTEM + " Antworte auf Deutsch.", 700)
                .user(
                    "Stellenanzeige:\n"
                        + POSTING_DE
                        + "\nKandidatin:\n"
                        + CANDIDATE_DE
                        + "\nSchätze ein, wie gut ich zu dieser Stelle passe. Schreibe drei bis fünf kurze Absätze,"
                        + " gehe auf jede Anforderung ein, nenne Lücken ehrlich und schließe mit einer Gesamtbewertung"
                        + " von 1 bis 10.")
                .input(GenerationRequest.INPUT_JOB_POSTING, POSTING_DE)
                .input(GenerationRequest.INPUT_CANDIDATE_PROFILE, CANDIDATE_DE)
                .input(GenerationRequest.INPUT_SKILLS, "SQL, Python, Power BI, Statistik")
                .input(GenerationRequest.INPUT_ROLE, "Data Analyst")
                .build()),
        new BenchmarkSample(
            "skill_decomposition/event-driven-en",
            TaskType.SKILL_DECOMPOSITION,
            base(JSON_SYSTEM, 400)
                .user(
                    "Break the requirement \"build and operate event-driven backend services\" into the distinct"
                        + " skills it needs. Answer as {\"skills\": [\"...\"]} with 4 to 8 entries, each a short noun"
                        + " phrase, no duplicates.")
                .format(ResponseFormat.JSON)
                .build()),
        new BenchmarkSample(
            "skill_decomposition/sales-analytics-de",
            TaskType.SKILL_DECOMPOSITION,
            base(JSON_SYSTEM, 400)
                .user(
                    "Zerlege die Anforderung \"Datenanalyse für den Vertrieb\" in die einzelnen Fähigkeiten, die sie"
                        + " verlangt. Antworte als {\"skills\": [\"...\"]} mit 4 bis 8 Einträgen, jeweils ein kurzer"
                        + " Begriff, ohne Dopplungen.")
                .format(ResponseFormat.JSON)
                .build()),
        new BenchmarkSample(
            "domain_relationship/containers-en",
            TaskType.DOMAIN_RELATIONSHIP,
            base(JSON_SYSTEM, 200)
                .user(
                    "How closely related are the skill domains \"Kubernetes operations\" and \"Docker"
                        + " containerisation\"? Answer as {\"relationship_score\": <number between 0 and 1>,"
                        + " \"explanation\": \"<one sentence>\"}.")
                .format(ResponseFormat.JSON)
                .input(SCORE_RANGE, "0-1")
                .build()),
        new BenchmarkSample(
            "domain_relationship/statistics-de",
            TaskType.DOMAIN_RELATIONSHIP,
            base(JSON_SYSTEM, 200)
                .user(
                    "Wie eng sind die Fachgebiete \"Statistik\" und \"Machine Learning\" verwandt? Bewerte von 0 bis"
                        + " 10 und antworte als {\"score\": <Zahl von 0 bis 10>, \"begruendung\": \"<ein Satz>\"}.")
                .format(ResponseFormat.JSON)
                .input(SCORE_RANGE, "0-10")
                .build()),
        new BenchmarkSample(
            "cover_letter/backend-en",
            TaskType.COVER_LETTER,
            base(LETTER_SYSTEM, 900)
                .user(
                    "Job posting:\n"
                        + POSTING_EN
                        + "\nCandidate:\n"
                        + CANDIDATE_EN
                        + "\nWrite the candidate's cover letter for this job, 250 to 350 words, with a greeting and a"
                        + " closing signed Alex Example.")
                .input(GenerationRequest.INPUT_JOB_POSTING, POSTING_EN)
                .input(GenerationRequest.INPUT_ROLE, "Senior Backend Engineer")
                .input(WORD_RANGE, "250-350")
                .build()),
        new BenchmarkSample(
            "cover_letter/analyst-de",
            TaskType.COVER_LETTER,
            base(LETTER_SYSTEM + " Schreibe auf Deutsch.", 900)
                .user(
                    "Stellenanzeige:\n"
                        + POSTING_DE
                        + "\nKandidatin:\n"
                        + CANDIDATE_DE
                        + "\nSchreibe das Anschreiben der Kandidatin für diese Stelle, 250 bis 350 Wörter, mit Anrede"
                        + " und Grußformel, unterschrieben mit Jana Beispiel.")
                .input(GenerationRequest.INPUT_JOB_POSTING, POSTING_DE)
                .input(GenerationRequest.INPUT_ROLE, "Data Analyst")
                .input(WORD_RANGE, "250-350")
                .build()),
        new BenchmarkSample(
            "job_requirements/backend-en",
            TaskType.JOB_REQUIREMENTS,
            base(JSON_SYSTEM, 400)
                .user(
                    "List the requirements this job posting places on the candidate, as"
                        + " {\"requirements\": [\"...\"]}. Leave out tasks, benefits and company marketing.\n\n"
                        + POSTING_EN)
                .format(ResponseFormat.JSON)
                .input(GenerationRequest.INPUT_JOB_POSTING, POSTING_EN)
                .build()),
        new BenchmarkSample(
            "job_requirements/analyst-de",
            TaskType.JOB_REQUIREMENTS,
            base(JSON_SYSTEM, 400)
                .user(
                    "Liste die Anforderungen dieser Stellenanzeige an Bewerber als {\"requirements\": [\"...\"]}."
                        + " Lass Aufgaben, Benefits und Werbung für das Unternehmen weg.\n\n"
                        + POSTING_DE)
                .format(ResponseFormat.JSON)
                .input(GenerationRequest.INPUT_JOB_POSTING, POSTING_DE)
                .build()),
        new BenchmarkSample(
            "job_extraction/backend-en",
            TaskType.JOB_EXTRACTION,
            base(JSON_SYSTEM, 500)
                .user(
                    "Extract the job title, company, location and the candidate requirements from this posting."
                        + " Copy the wording of the posting; do not add anything it does not say.\n\n"
                        + POSTING_EN)
                .format(ResponseFormat.jsonSchema(EXTRACTION_SCHEMA))
                .input(GenerationRequest.INPUT_JOB_POSTING, POSTING_EN)
                .build()),
        new BenchmarkSample(
            "job_extraction/analyst-de",
            TaskType.JOB_EXTRACTION,
            base(JSON_SYSTEM, 500)
                .user(
                    "Extrahiere Stellentitel, Unternehmen, Ort und die Anforderungen an Bewerber aus dieser"
                        + " Anzeige. Übernimm die Formulierungen der Anzeige und ergänze nichts.\n\n"
                        + POSTING_DE)
                .format(ResponseFormat.jsonSchema(EXTRACTION_SCHEMA))
                .input(GenerationRequest.INPUT_JOB_POSTING, POSTING_DE)
                .build()));
  }
}
