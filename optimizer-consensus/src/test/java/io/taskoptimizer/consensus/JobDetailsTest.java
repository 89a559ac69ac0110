package io.taskoptimizer.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobDetailsTest {

  @Test
  void readsTheLabelledFormatOfTheDefaultPrompt() {
    JobDetails d = JobDetails.parse(ConsensusExtractorTest.A);

    assertThat(d.title()).contains("Backend Engineer (f/m/x) - Payments Platform");
    assertThat(d.company()).contains("Examplary Bank");
    assertThat(d.location()).contains("Berlin");
    assertThat(d.responsibilities())
        .containsExactly(
            "Design, build and operate Java services for payment processing",
            "Improve the reliability and observability of Kubernetes workloads",
            "Review code and mentor two junior engineers");
    assertThat(d.requirements()).hasSize(3).first().asString().startsWith("At least 4 years");
    assertThat(d.contactInfo()).contains("Jana Example, jobs@examplary-bank.example");
  }

  @Test
  void toleratesMarkdownNumberingOtherBulletsAndGermanLabels() {
    String text =
        """
        Here is the extraction:

        **Stellenbezeichnung:** Sachbearbeiter Rechnungswesen (m/w/d)
        **Unternehmen:** Musterhaus GmbH
        **Standort:** Köln

        ## Aufgaben
        1. Prüfung von Eingangsrechnungen
        2) Mitarbeit bei Abschlüssen
        ## Ihr Profil
        • Kaufmännische Ausbildung
        * Erfahrung mit SAP FI
        ### Kontakt
        Frau Erika Muster
        bewerbung@musterhaus.example
        """;

    JobDetails d = JobDetails.parse(text);

    assertThat(d.title()).contains("Sachbearbeiter Rechnungswesen (m/w/d)");
    assertThat(d.company()).contains("Musterhaus GmbH");
    assertThat(d.location()).contains("Köln");
    assertThat(d.responsibilities())
        .containsExactly("Prüfung von Eingangsrechnungen", "Mitarbeit bei Abschlüssen");
    assertThat(d.requirements())
        .containsExactly("Kaufmännische Ausbildung", "Erfahrung mit SAP FI");
    assertThat(d.contactInfo()).contains("Frau Erika Muster, bewerbung@musterhaus.example");
  }

  @Test
  void readsInlineValuesAfterListLabelsAndKeepsLabelledItemsAsItems() {
    String text =
        "Job Title: Data Analyst\nRequirements: SQL\n- Experience: 3 years with Python\nContact Info: n/a";

    JobDetails d = JobDetails.parse(text);

    assertThat(d.title()).contains("Data Analyst");
    assertThat(d.requirements()).containsExactly("SQL", "Experience: 3 years with Python");
    assertThat(d.contactInfo()).isEmpty();
  }

  @Test
  void treatsNotSpecifiedAsAbsent() {
    JobDetails d =
        JobDetails.parse("TITLE: Analyst\nLOCATION: Not specified\nCONTACT: nicht angegeben.");

    assertThat(d.location()).isEmpty();
    assertThat(d.contactInfo()).isEmpty();
  }

  @Test
  void readsJsonAnswersAlsoInsideACodeFenceAndNested() {
    String json =
        """
        ```json
        {"job": {"job_title": "QA Engineer", "company": "Acme", "location": "Leipzig",
          "responsibilities": ["Test the app", "Automate regression tests"],
          "requirements": "Appium",
          "contact": {"name": "Max", "email": "max@example.org"}}}
        ```""";

    JobDetails d = JobDetails.parse(json);

    assertThat(d.title()).contains("QA Engineer");
    assertThat(d.company()).contains("Acme");
    assertThat(d.location()).contains("Leipzig");
    assertThat(d.responsibilities()).containsExactly("Test the app", "Automate regression tests");
    assertThat(d.requirements()).containsExactly("Appium");
    assertThat(d.contactInfo()).contains("Max, max@example.org");
  }

  @Test
  void fallsBackToTextWhenJsonIsBroken() {
    JobDetails d = JobDetails.parse("{\"title\": \"Broken\nTITLE: Recovered");

    assertThat(d.title()).contains("Recovered");
  }

  @Test
  void findsNothingInProse() {
    JobDetails d = JobDetails.parse(ConsensusExtractorTest.B);

    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void keepsTheFirstValueOfAScalarField() {
    JobDetails d = JobDetails.parse("TITLE:\nBackend Engineer\nThis title is a guess.");

    assertThat(d.title()).contains("Backend Engineer");
  }

  @Test
  void fillsGapsFromThePostingButPrefersTheModel() {
    JobDetails d =
        JobDetails.parse("TITLE: Engineer (translated)\nREQUIREMENTS:\n- Java")
            .withFallbacks(JobPostingsTest.sample("1002"));

    assertThat(d.title()).contains("Engineer (translated)");
    assertThat(d.company()).contains("Musterhaus GmbH");
    assertThat(d.location()).contains("Köln");
    assertThat(d.requirements()).containsExactly("Java");
  }
}
