package io.taskoptimizer.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The synthetic job-posting-like text pairs that the SequenceMatcher benchmark and {@code
 * difflib_bench.py} both time, so that Java and CPython compare exactly the same strings.
 *
 * <p>The pairs are generated deterministically from a fixed seed ({@link java.util.Random}'s
 * algorithm is specified, so the output is the same on every JVM) and committed under {@code
 * src/main/resources/io/taskoptimizer/benchmarks/pairs/} as UTF-8 files, which is what both sides
 * read; {@code PostingPairsTest} checks that the committed files equal the generator's output.
 * Regenerate them with {@code java -cp target/benchmarks.jar
 * io.taskoptimizer.benchmarks.PostingPairs src/main/resources/io/taskoptimizer/benchmarks/pairs}.
 *
 * <p>Each text is an extraction-style summary of an invented posting (title, company, location,
 * responsibilities, requirements, contact), English with German fragments and umlauts, exactly
 * {@code size} characters long. An <em>agree</em> pair is two models' extractions of the same
 * posting (reworded, reordered and dropped lines, so the similarity is high); a <em>disagree</em>
 * pair is two extractions of different postings (similarity well below the 0.75 threshold). No text
 * is taken from real postings.
 */
public final class PostingPairs {

  /** The seed every committed pair was generated with. */
  public static final long SEED = 20_250_707L;

  /** The pair names, as used in file names and as the benchmark's {@code pair} parameter. */
  public static final List<String> NAMES =
      List.of("2k-agree", "2k-disagree", "8k-agree", "8k-disagree");

  /** Two texts to compare. */
  public record Pair(String name, String a, String b) {
    /** Validates. */
    public Pair {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
    }
  }

  private static final String[] TITLES = {
    "Senior Java Developer", "Sachbearbeiter Kreditorenbuchhaltung", "Data Engineer (m/w/d)",
    "IT-Systemadministrator", "Backend Engineer Payments", "Projektleiter Digitalisierung",
    "Cloud Platform Engineer", "Fachinformatiker Anwendungsentwicklung",
        "Business Analyst Logistik",
    "Teamleiter Kundenservice", "Machine Learning Engineer", "Referent Controlling",
  };
  private static final String[] COMPANIES = {
    "Nordlicht Software GmbH", "Rheinwerk Logistik AG", "Blaufeld Energie GmbH & Co. KG",
    "Müller & Söhne Maschinenbau", "Alpenblick Versicherung", "Hafenstadt Digital GmbH",
    "Grünwald Pharma AG", "Südstern Mobility GmbH",
  };
  private static final String[] LOCATIONS = {
    "Hamburg, hybrid (2 days remote)", "München, on site", "Köln or remote within Germany",
    "Düsseldorf, hybrid", "Berlin-Kreuzberg, remote possible", "Frankfurt am Main, on site",
    "Stuttgart-Vaihingen, hybrid", "Leipzig, fully remote",
  };
  private static final String[] VERBS_EN = {
    "Design",
    "Develop",
    "Maintain",
    "Operate",
    "Review",
    "Coordinate",
    "Document",
    "Automate",
    "Plan",
    "Monitor",
    "Improve",
    "Support",
  };
  private static final String[] OBJECTS_EN = {
    "microservices in Java and Spring Boot",
    "the CI/CD pipelines on GitLab",
    "Kubernetes clusters in Azure",
    "REST and gRPC interfaces",
    "data pipelines with Apache Kafka",
    "monthly and annual closing reports",
    "customer escalations across teams",
    "the SAP FI/CO modules",
    "internal reporting dashboards",
    "the migration of legacy Oracle databases",
    "security patches and backups",
    "the onboarding of new colleagues",
    "supplier contracts",
    "test automation with JUnit and Selenium",
    "observability with Prometheus and Grafana",
  };
  private static final String[] VERBS_DE = {
    "Prüfung und Kontierung von",
    "Abstimmung von",
    "Betreuung von",
    "Weiterentwicklung von",
    "Pflege von",
    "Überwachung von",
    "Dokumentation von",
  };
  private static final String[] OBJECTS_DE = {
    "Eingangsrechnungen und Zahlungsläufen", "Kreditorenstammdaten",
        "Lieferantenanfragen per Telefon und E-Mail",
    "Schnittstellen zu unseren Partnern", "Monats- und Jahresabschlüssen",
        "Reisekostenabrechnungen",
    "Serverlandschaften unter Linux", "Datenbanken und Berichten",
  };
  private static final String[] CONTEXTS = {
    "in an agile Scrum team",
    "together with the product owners",
    "für unsere Standorte in Deutschland",
    "with a focus on quality",
    "in close cooperation with finance",
    "im Tagesgeschäft",
    "according to internal guidelines",
    "for our international customers",
    "",
    "",
    "",
  };
  private static final String[] SKILLS = {
    "Java 17",
    "Spring Boot",
    "SQL",
    "PostgreSQL",
    "Kubernetes",
    "Docker",
    "Terraform",
    "Python",
    "Kafka",
    "SAP FI",
    "DATEV",
    "Excel",
    "Power BI",
    "Linux",
    "Git",
    "AWS",
    "Azure",
    "HGB",
    "IFRS",
    "ITIL",
  };
  private static final String[] QUALIFICATIONS = {
    "a degree in computer science or a comparable qualification",
    "abgeschlossene kaufmännische Ausbildung, idealerweise als Steuerfachangestellte/r",
    "at least %d years of professional experience with %s",
    "sehr gute Kenntnisse in %s und %s",
    "solid knowledge of %s and %s",
    "fluent German (C1) and good English",
    "verhandlungssichere Deutschkenntnisse in Wort und Schrift",
    "experience with %s in production environments",
    "strong communication skills and a structured way of working",
    "Teamfähigkeit, Zuverlässigkeit und eine selbstständige Arbeitsweise",
    "willingness to travel occasionally (about %d%%)",
    "Erfahrung im Umgang mit %s",
  };
  private static final String[] FIRST_NAMES = {
    "Anna", "Jörg", "Fatma", "Lukas", "Sophie", "Björn", "Leonie", "Mehmet"
  };
  private static final String[] LAST_NAMES = {
    "Schäfer", "Weber", "Yılmaz", "Krüger", "Hoffmann", "Brandt", "Nowak", "Özdemir"
  };

  private PostingPairs() {}

  /** Reads a committed pair from the class path. */
  public static Pair load(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("Unknown pair '" + name + "'; known: " + NAMES);
    }
    return new Pair(name, resource(name + "-a.txt"), resource(name + "-b.txt"));
  }

  /** Generates a pair; {@code name} is one of {@link #NAMES}. */
  public static Pair generate(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("Unknown pair '" + name + "'; known: " + NAMES);
    }
    int size = name.startsWith("8k") ? 8192 : 2048;
    boolean agree = name.endsWith("-agree");
    Random random = new Random(SEED + NAMES.indexOf(name));
    List<String> posting = posting(random, size);
    String a = fit(render(posting), size);
    String b;
    if (agree) {
      b = fit(render(paraphrase(posting, random)), size);
    } else {
      b = fit(render(posting(random, size)), size);
    }
    return new Pair(name, a, b);
  }

  /** Writes every pair into {@code args[0]} as {@code <name>-a.txt} and {@code <name>-b.txt}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: PostingPairs <directory>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    for (String name : NAMES) {
      Pair p = generate(name);
      Files.writeString(dir.resolve(name + "-a.txt"), p.a(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(name + "-b.txt"), p.b(), StandardCharsets.UTF_8);
      System.out.println("wrote " + dir.resolve(name + "-{a,b}.txt"));
    }
  }

  // Lines of a posting: header lines, then "R:" responsibilities and "Q:" requirements, then
  // contact.
  private static List<String> posting(Random r, int size) {
    List<String> lines = new ArrayList<>();
    lines.add("TITLE: " + pick(r, TITLES));
    lines.add("COMPANY: " + pick(r, COMPANIES));
    lines.add("LOCATION: " + pick(r, LOCATIONS));
    // enough bullets to exceed the size; fit() cuts the text to exactly size characters
    int bullets = size / 45;
    for (int i = 0; i < bullets; i++) {
      String ctx = pick(r, CONTEXTS);
      lines.add("R:" + responsibility(r) + (ctx.isEmpty() ? "" : " " + ctx));
    }
    for (int i = 0; i < bullets; i++) {
      lines.add("Q:" + qualification(r));
    }
    lines.add(
        "CONTACT: "
            + pick(r, FIRST_NAMES)
            + " "
            + pick(r, LAST_NAMES)
            + ", jobs@"
            + (1000 + r.nextInt(9000))
            + ".example.com, +49 40 "
            + (100000 + r.nextInt(900000)));
    return lines;
  }

  // "verb\tobject": the tab marks where another model may use a different verb
  private static String responsibility(Random r) {
    return r.nextInt(3) == 0
        ? pick(r, VERBS_DE) + "\t" + pick(r, OBJECTS_DE)
        : pick(r, VERBS_EN) + "\t" + pick(r, OBJECTS_EN);
  }

  private static String qualification(Random r) {
    String q = pick(r, QUALIFICATIONS);
    if (q.contains("%d years")) {
      return String.format(java.util.Locale.ROOT, q, 2 + r.nextInt(6), pick(r, SKILLS));
    }
    if (q.contains("%d%%")) {
      return String.format(java.util.Locale.ROOT, q, 5 + 5 * r.nextInt(6));
    }
    int args = q.split("%s", -1).length - 1;
    Object[] skills = new Object[args];
    for (int i = 0; i < args; i++) {
      skills[i] = pick(r, SKILLS);
    }
    return String.format(java.util.Locale.ROOT, q, skills);
  }

  // Another model's extraction of the same posting: some bullets reworded, swapped or dropped.
  private static List<String> paraphrase(List<String> lines, Random r) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      int roll = r.nextInt(100);
      if ((line.startsWith("R:") || line.startsWith("Q:")) && roll < 2) {
        continue; // dropped
      }
      if (line.startsWith("R:") && roll < 6) {
        String object = line.substring(line.indexOf('\t'));
        boolean german = List.of(VERBS_DE).contains(line.substring(2, line.indexOf('\t')));
        out.add("R:" + pick(r, german ? VERBS_DE : VERBS_EN) + object);
      } else if (line.startsWith("Q:") && roll < 5) {
        out.add("Q:" + qualification(r));
      } else if (line.startsWith("LOCATION: ") && roll < 50) {
        out.add(line.replace(", ", " ("));
      } else {
        out.add(line);
      }
    }
    for (int i = 4; i + 1 < out.size() - 1; i += 41) {
      if (r.nextInt(4) == 0) {
        String t = out.get(i);
        out.set(i, out.get(i + 1));
        out.set(i + 1, t);
      }
    }
    return out;
  }

  private static String render(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    boolean inR = false;
    boolean inQ = false;
    for (String line : lines) {
      if (line.startsWith("R:")) {
        if (!inR) {
          sb.append("RESPONSIBILITIES:\n");
          inR = true;
        }
        sb.append("- ").append(line.substring(2).replace('\t', ' ')).append('\n');
      } else if (line.startsWith("Q:")) {
        if (!inQ) {
          sb.append("REQUIREMENTS:\n");
          inQ = true;
        }
        sb.append("- ").append(line, 2, line.length()).append('\n');
      } else {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * Exactly {@code size} characters: the head of the text plus its contact line, so both texts of a
   * pair end the same way an extraction does.
   */
  private static String fit(String text, int size) {
    int contact = text.lastIndexOf("CONTACT: ");
    String tail = text.substring(contact);
    String head = text.substring(0, contact);
    int room = size - tail.length();
    if (head.length() < room) {
      throw new IllegalStateException("generated text too short: " + text.length() + " < " + size);
    }
    // the last kept line is cut mid-way, as a model's output cut at its token limit would be
    return head.substring(0, room - 1) + "\n" + tail;
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  private static String resource(String file) {
    String path = "pairs/" + file;
    try (InputStream in = PostingPairs.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "Missing resource " + path + " next to " + PostingPairs.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
