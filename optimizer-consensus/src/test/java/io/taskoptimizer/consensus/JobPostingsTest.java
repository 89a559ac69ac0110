package io.taskoptimizer.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.NonRetriableException;
import io.taskoptimizer.consensus.InvalidPostingException.Problem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobPostingsTest {

  @TempDir Path dir;

  static Path postingsDir() {
    try {
      return Path.of(
              Objects.requireNonNull(JobPostingsTest.class.getResource("postings/job1001.json"))
                  .toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JobPosting sample(String id) {
    return JobPostings.loadById(postingsDir(), id);
  }

  @Test
  void readsEveryFieldOfTheScraperJsonShape() {
    JobPosting p = JobPostings.load(postingsDir().resolve("job1001.json"));

    assertThat(p.id()).isEqualTo("1001");
    assertThat(p.title()).contains("Backend Engineer (f/m/x) - Payments Platform");
    assertThat(p.location()).contains("Berlin");
    assertThat(p.organization()).contains("Examplary Bank");
    assertThat(p.careerLevel()).contains("Associate");
    assertThat(p.url()).contains("https://careers.example.org/jobs/1001");
    assertThat(p.source()).contains("synthetic");
    assertThat(p.datePosted()).contains(LocalDate.of(2025, 3, 3));
    assertThat(p.description()).startsWith("Position Overview\nAbout the team").contains("Kafka");
    assertThat(p.file()).contains(postingsDir().resolve("job1001.json"));
    assertThat(p.isUsable()).isTrue();
  }

  @Test
  void treatsNullEmptyAndUnknownOptionalFieldsAsAbsent() {
    JobPosting p = sample("1003");

    assertThat(p.datePosted()).isEmpty();
    assertThat(p.careerLevel()).isEmpty();
    assertThat(p.url()).isEmpty();
    assertThat(p.location()).contains("Hamburg");
  }

  @Test
  void rejectsThePlaceholderLeftByAFailedDownloadNamingTheFile() {
    Path file = postingsDir().resolve("job1004.json");

    assertThatThrownBy(() -> JobPostings.load(file))
        .isInstanceOf(InvalidPostingException.class)
        .isInstanceOf(NonRetriableException.class)
        .hasMessageContaining("1004")
        .hasMessageContaining(file.toString())
        .hasMessageContaining("placeholder")
        .hasMessageContaining("Error loading full job description")
        .hasMessageContaining("not sent to any model")
        .satisfies(
            e -> {
              InvalidPostingException ipe = (InvalidPostingException) e;
              assertThat(ipe.problem()).isEqualTo(Problem.PLACEHOLDER_DESCRIPTION);
              assertThat(ipe.postingId()).contains("1004");
              assertThat(ipe.file()).contains(file);
            });
  }

  @Test
  void rejectsABlankDescription() {
    assertThatThrownBy(() -> sample("1005"))
        .isInstanceOf(InvalidPostingException.class)
        .hasMessageContaining("missing or empty")
        .extracting(e -> ((InvalidPostingException) e).problem())
        .isEqualTo(Problem.MISSING_DESCRIPTION);
  }

  @Test
  void rejectsAMissingDescriptionField() {
    assertThatThrownBy(
            () -> JobPostings.parseJson("{\"job_content\":{\"title\":\"Tester\"}}", "77"))
        .isInstanceOf(InvalidPostingException.class)
        .extracting(e -> ((InvalidPostingException) e).problem())
        .isEqualTo(Problem.MISSING_DESCRIPTION);
  }

  @Test
  void reportsMalformedJsonWithItsPosition() {
    assertThatThrownBy(() -> sample("1006"))
        .isInstanceOf(InvalidPostingException.class)
        .hasMessageContaining("not valid JSON at line")
        .hasMessageContaining("job1006.json")
        .extracting(e -> ((InvalidPostingException) e).problem())
        .isEqualTo(Problem.MALFORMED);
  }

  @Test
  void rejectsJsonThatIsNotAnObject() {
    assertThatThrownBy(() -> JobPostings.parseJson("[1, 2]", "9"))
        .isInstanceOf(InvalidPostingException.class)
        .hasMessageContaining("must be a JSON object")
        .extracting(e -> ((InvalidPostingException) e).problem())
        .isEqualTo(Problem.MALFORMED);
  }

  @Test
  void rejectsADescriptionOfAFewWords() {
    assertThatThrownBy(() -> JobPostings.fromText("5", "Java developer wanted. Apply now!"))
        .isInstanceOf(InvalidPostingException.class)
        .hasMessageContaining("only 5 words")
        .extracting(e -> ((InvalidPostingException) e).problem())
        .isEqualTo(Problem.TOO_SHORT);
  }

  @Test
  void keepsALongPostingThatMerelyMentionsAPlaceholderPhrase() {
    String text =
        "We build monitoring for our web shop. ".repeat(20)
            + "You will fix bugs such as 'error loading full job description' pages in our career portal.";

    assertThat(JobPostings.fromText("8", text).isUsable()).isTrue();
  }

  @Test
  void readsPlainTextWithHeaderLines() {
    JobPosting p = sample("1007");

    assertThat(p.id()).isEqualTo("1007");
    assertThat(p.title()).contains("Werkstudent Softwareentwicklung (m/w/d)");
    assertThat(p.location()).contains("München");
    assertThat(p.organization()).contains("Beispiel Software GmbH");
    assertThat(p.description()).contains("TypeScript");
  }

  @Test
  void takesAShortFirstLineOfPlainTextAsTitle() throws IOException {
    Path f = dir.resolve("frontend.md");
    Files.writeString(
        f,
        "# Frontend Developer\n\nYou build accessible web interfaces with React and TypeScript"
            + " for our customer portal and work closely with designers.\n");

    JobPosting p = JobPostings.load(f);

    assertThat(p.id()).isEqualTo("frontend");
    assertThat(p.title()).contains("Frontend Developer");
  }

  @Test
  void acceptsAFlatObjectAndAliasesAndTakesTheIdFromTheFileName() throws IOException {
    Path f = dir.resolve("job4242.json");
    Files.writeString(
        f,
        "{\"job_title\":\"QA Engineer\",\"job_description\":\"You test our mobile banking"
            + " app on iOS and Android and automate regression tests with Appium.\",\"company\":\"Acme\","
            + "\"location\":\"Leipzig\",\"date_posted\":\"2025-01-31T08:00:00\"}");

    JobPosting p = JobPostings.load(f);

    assertThat(p.id()).isEqualTo("4242");
    assertThat(p.title()).contains("QA Engineer");
    assertThat(p.organization()).contains("Acme");
    assertThat(p.location()).contains("Leipzig");
    assertThat(p.datePosted()).contains(LocalDate.of(2025, 1, 31));
  }

  @Test
  void rejectsAFileThatIsNotUtf8() throws IOException {
    Path f = dir.resolve("job5.txt");
    Files.write(f, "Stellenbeschreibung f\u00fcr Entwickler".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> JobPostings.load(f))
        .isInstanceOf(InvalidPostingException.class)
        .hasMessageContaining("not UTF-8")
        .extracting(e -> ((InvalidPostingException) e).problem())
        .isEqualTo(Problem.UNREADABLE);
  }

  @Test
  void reportsAnUnknownIdWithTheExpectedFileName() {
    assertThatThrownBy(() -> JobPostings.loadById(postingsDir(), "999"))
        .isInstanceOf(InvalidPostingException.class)
        .hasMessageContaining("job999.json")
        .extracting(e -> ((InvalidPostingException) e).problem())
        .isEqualTo(Problem.NOT_FOUND);
  }

  @Test
  void refusesIdsThatWouldLeaveTheDirectory() {
    assertThatThrownBy(() -> JobPostings.loadById(postingsDir(), "../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scansADirectoryKeepingGoodPostingsAndReportingBrokenOnes() {
    JobPostings.DirectoryScan scan = JobPostings.loadDirectory(postingsDir());

    assertThat(scan.postings())
        .extracting(JobPosting::id)
        .containsExactly("1001", "1002", "1003", "1007");
    assertThat(scan.rejected())
        .extracting(InvalidPostingException::problem)
        .containsExactly(
            Problem.PLACEHOLDER_DESCRIPTION, Problem.MISSING_DESCRIPTION, Problem.MALFORMED);
    assertThat(scan.warnings()).isEmpty();
  }

  @Test
  void warnsAboutTwoPostingsSharingOneDescription() throws IOException {
    String description =
        "You operate our payment gateways, analyse incidents and automate deployments with"
            + " Ansible for the whole operations team.";
    for (String[] p : new String[][] {{"1", "Gateway Engineer"}, {"2", "Gateway Analyst"}}) {
      Files.writeString(
          dir.resolve("job" + p[0] + ".json"),
          "{\"job_metadata\":{\"job_id\":\""
              + p[0]
              + "\"},\"job_content\":{\"title\":\""
              + p[1]
              + "\",\"description\":\""
              + description
              + "\"}}");
    }

    JobPostings.DirectoryScan scan = JobPostings.loadDirectory(dir);

    assertThat(scan.postings()).hasSize(2);
    assertThat(scan.warnings())
        .singleElement()
        .asString()
        .contains("1 and 2", "Gateway Engineer", "Gateway Analyst", "same description");
  }

  @Test
  void reportsAMissingDirectory() {
    assertThatThrownBy(() -> JobPostings.loadDirectory(dir.resolve("nope")))
        .isInstanceOf(InvalidPostingException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void checkUsableThrowsForHandBuiltPlaceholderPostings() {
    JobPosting p = JobPosting.of("x1", "Analyst", "Job Description:\nN/A");

    assertThat(p.isUsable()).isFalse();
    assertThat(p.usabilityProblem()).get().asString().contains("no text beyond");
    assertThatThrownBy(p::checkUsable)
        .isInstanceOf(InvalidPostingException.class)
        .hasMessageContaining("x1");
  }

  @Test
  void builderRejectsABlankId() {
    assertThatThrownBy(() -> JobPosting.builder(" ", "text"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringLeavesTheDescriptionOut() {
    assertThat(sample("1002").toString()).contains("1002").doesNotContain("Rechnungen");
  }
}
