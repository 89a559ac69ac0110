package io.taskoptimizer.consensus;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.consensus.InvalidPostingException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads job postings: {@code job{ID}.json} files as the original scraper wrote them, and plain-text
 * postings ({@code .txt} or {@code .md}).
 *
 * <p><b>JSON shape.</b> The description, title, location ({@code {"city": ...}} or a string),
 * employment details ({@code career_level}), organization ({@code {"name": ...}}) and URL are read
 * from {@code job_content}; the id, source and {@code date_posted} from {@code job_metadata}. Every
 * field but the description is optional, and a flat object with the same keys (or the aliases
 * {@code job_title}, {@code job_description}, {@code company}, ...) is accepted too. The id comes
 * from {@code job_metadata.job_id}, else from the file name ({@code job62914.json} is {@code
 * 62914}).
 *
 * <p><b>Plain text.</b> The id is the file name without extension (and without a {@code job}
 * prefix). Leading {@code Key: value} lines up to the first blank line are read as metadata when
 * the keys are known ({@code Title}, {@code Location}, {@code Company}, {@code URL}, {@code Career
 * level}, {@code Date}, also in German: {@code Titel}, {@code Ort}, {@code Firma}, ...); otherwise
 * a short first line is taken as the title. The whole text is the description.
 *
 * <p><b>Checks.</b> Every loaded posting passes {@link JobPosting#checkUsable()}: a missing, empty
 * or placeholder description (such as {@code Error loading full job description}) is an {@link
 * InvalidPostingException} naming the file, never a posting a model would see.
 *
 * <p>Static and stateless, so thread-safe.
 */
public final class JobPostings {

  /** Posting files larger than this are refused rather than read into memory. */
  public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(JobPostings.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern JOB_FILE =
      Pattern.compile("job(.+)\\.json", Pattern.CASE_INSENSITIVE);
  private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "md", "text");
  private static final Set<String> UNKNOWN =
      Set.of("unknown", "n/a", "na", "none", "null", "-", "");

  private JobPostings() {}

  /**
   * The postings in a directory and the files that were rejected, both in file name order. One
   * broken file does not stop the others from loading.
   *
   * <p>Immutable (a record of unmodifiable copies), so thread-safe.
   *
   * @param postings the usable postings
   * @param rejected one exception per rejected file, saying why
   * @param warnings suspicious but loadable postings, e.g. two postings with different titles and
   *     the very same description (a scraper that saved one posting's text under another's id)
   */
  public record DirectoryScan(
      List<JobPosting> postings, List<InvalidPostingException> rejected, List<String> warnings) {
    /**
     * Copies the lists.
     *
     * @param postings the usable postings (copied); must not be null nor contain null
     * @param rejected one exception per rejected file (copied); must not be null nor contain null
     * @param warnings suspicious but loadable postings (copied); must not be null nor contain null
     * @throws NullPointerException if a list or one of its elements is null
     */
    public DirectoryScan {
      postings = List.copyOf(postings);
      rejected = List.copyOf(rejected);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Loads one posting file: JSON for {@code .json}, plain text for {@code .txt}, {@code .md} and
   * {@code .text}.
   *
   * @param file the posting file; must not be null
   * @return the posting, its description checked with {@link JobPosting#checkUsable()}
   * @throws NullPointerException if {@code file} is null
   * @throws InvalidPostingException if the file is missing, unreadable or malformed, or its
   *     description is not usable
   */
  public static JobPosting load(Path file) {
    Objects.requireNonNull(file, "file");
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String text = read(file, idFromFileName(name));
    if (extension(name).equals("json")) {
      return parse(text, idFromFileName(name), file).checkUsable();
    }
    return text(idFromFileName(name), text, file).checkUsable();
  }

  /**
   * Loads the posting with this id from a postings directory: {@code job{id}.json}, else {@code
   * job{id}.txt}, {@code job{id}.md}, {@code {id}.txt} or {@code {id}.md}.
   *
   * @param directory the postings directory; must not be null
   * @param id the posting's id as in {@code job{id}.json}; must not be null, blank, nor contain a
   *     path separator or {@code ..}
   * @return the posting, its description checked with {@link JobPosting#checkUsable()}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code id} is blank or contains a path separator or {@code
   *     ..}
   * @throws InvalidPostingException if there is no such file, or it cannot be used
   */
  public static JobPosting loadById(Path directory, String id) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || id.contains("/") || id.contains("\\") || id.contains("..")) {
      throw new IllegalArgumentException(
          "Invalid posting id '" + id + "': use the id as in job{id}.json");
    }
    for (String candidate :
        List.of(
            "job" + id + ".json",
            "job" + id + ".txt",
            "job" + id + ".md",
            id + ".txt",
            id + ".md")) {
      Path p = directory.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return load(p);
      }
    }
    throw new InvalidPostingException(
        Problem.NOT_FOUND,
        id,
        directory.resolve("job" + id + ".json"),
        "No posting with id "
            + id
            + " in "
            + directory
            + ": expected job"
            + id
            + ".json (or job"
            + id
            + ".txt). Check the id or the postings directory.",
        null);
  }

  /**
   * Loads every posting of a directory: files named {@code job*.json}, and {@code .txt} or {@code
   * .md} files. Hidden files are skipped.
   *
   * @param directory the postings directory; must not be null
   * @return the usable postings, the rejected files and warnings, each in file name order
   * @throws NullPointerException if {@code directory} is null
   * @throws InvalidPostingException (problem {@link Problem#NOT_FOUND} or {@link
   *     Problem#UNREADABLE}) if the directory itself cannot be listed
   */
  public static DirectoryScan loadDirectory(Path directory) {
    Objects.requireNonNull(directory, "directory");
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        String ext = extension(name);
        boolean posting =
            (ext.equals("json") && JOB_FILE.matcher(name).matches())
                || TEXT_EXTENSIONS.contains(ext);
        if (posting && !name.startsWith(".") && Files.isRegularFile(p)) {
          files.add(p);
        }
      }
    } catch (NoSuchFileException e) {
      throw new InvalidPostingException(
          Problem.NOT_FOUND,
          null,
          directory,
          "Postings directory " + directory + " does not exist; check the path.",
          e);
    } catch (IOException e) {
      throw new InvalidPostingException(
          Problem.UNREADABLE,
          null,
          directory,
          "Cannot list postings directory " + directory + ": " + e.getMessage(),
          e);
    }
    files.sort(null);
    List<JobPosting> postings = new ArrayList<>();
    List<InvalidPostingException> rejected = new ArrayList<>();
    for (Path f : files) {
      try {
        postings.add(load(f));
      } catch (InvalidPostingException e) {
        rejected.add(e);
      }
    }
    return new DirectoryScan(postings, rejected, duplicateWarnings(postings));
  }

  /**
   * Parses a posting from JSON text in the {@code job{ID}.json} shape.
   *
   * @param json the JSON text
   * @param fallbackId the id to use when {@code job_metadata.job_id} is absent
   * @return the posting, its description checked with {@link JobPosting#checkUsable()}
   * @throws InvalidPostingException if the JSON is malformed or the description is not usable
   */
  public static JobPosting parseJson(String json, String fallbackId) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(fallbackId, "fallbackId");
    return parse(json, fallbackId, null).checkUsable();
  }

  /**
   * A posting from plain text, reading leading {@code Key: value} metadata lines as described
   * above.
   *
   * @param id the posting's id; must not be null nor blank
   * @param text the posting text, metadata lines first; must not be null
   * @return the posting, its description checked with {@link JobPosting#checkUsable()}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code id} is blank
   * @throws InvalidPostingException if the description is not usable
   */
  public static JobPosting fromText(String id, String text) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    return text(id, text, null).checkUsable();
  }

  private static List<String> duplicateWarnings(List<JobPosting> postings) {
    List<String> warnings = new ArrayList<>();
    Map<String, JobPosting> byDescription = new HashMap<>();
    for (JobPosting p : postings) {
      JobPosting first = byDescription.putIfAbsent(p.description().strip(), p);
      if (first != null && !first.title().equals(p.title())) {
        String w =
            "Postings "
                + first.id()
                + " and "
                + p.id()
                + " have different titles ('"
                + first.title().orElse("?")
                + "', '"
                + p.title().orElse("?")
                + "') but the same description;"
                + " one file probably holds the other posting's text. Check both before relying on them.";
        warnings.add(w);
        log.warn(w);
      }
    }
    return warnings;
  }

  // --- reading ---------------------------------------------------------------------------------

  private static String read(Path file, String id) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new InvalidPostingException(
            Problem.UNREADABLE,
            id,
            file,
            "Posting file "
                + file
                + " has "
                + size
                + " bytes, more than the "
                + MAX_FILE_BYTES
                + " a posting can have; is it really a"
                + " job posting?",
            null);
      }
      byte[] bytes = Files.readAllBytes(file);
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (NoSuchFileException e) {
      throw new InvalidPostingException(
          Problem.NOT_FOUND,
          id,
          file,
          "Posting file " + file + " does not exist; check the path.",
          e);
    } catch (CharacterCodingException e) {
      throw new InvalidPostingException(
          Problem.UNREADABLE,
          id,
          file,
          "Posting file " + file + " is not UTF-8 text; convert it to UTF-8.",
          e);
    } catch (IOException e) {
      throw new InvalidPostingException(
          Problem.UNREADABLE,
          id,
          file,
          "Cannot read posting file " + file + ": " + e.getMessage(),
          e);
    }
  }

  private static JobPosting parse(String json, String fallbackId, @Nullable Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where =
          loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new InvalidPostingException(
          Problem.MALFORMED,
          fallbackId,
          file,
          "Posting "
              + describe(fallbackId, file)
              + " is not valid JSON"
              + where
              + ": "
              + e.getOriginalMessage()
              + ". Fix or re-fetch the file.",
          e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidPostingException(
          Problem.MALFORMED,
          fallbackId,
          file,
          "Posting "
              + describe(fallbackId, file)
              + " must be a JSON object with job_content and"
              + " job_metadata, got "
              + (root == null ? "nothing" : root.getNodeType())
              + ".",
          null);
    }
    JsonNode content = root.path("job_content").isObject() ? root.get("job_content") : root;
    JsonNode meta = root.path("job_metadata").isObject() ? root.get("job_metadata") : root;

    String id = text(meta, "job_id", "id").or(() -> text(root, "job_id", "id")).orElse(fallbackId);
    String description =
        text(content, "description", "job_description", "full_description", "text").orElse("");
    JobPosting.Builder b;
    try {
      b = JobPosting.builder(id, description);
    } catch (IllegalArgumentException e) {
      throw new InvalidPostingException(
          Problem.MALFORMED,
          null,
          file,
          "Posting "
              + describe(fallbackId, file)
              + " has no usable id; set job_metadata.job_id or"
              + " name the file job{ID}.json.",
          e);
    }
    text(content, "title", "job_title").ifPresent(b::title);
    location(content).ifPresent(b::location);
    Optional<String> org =
        content.path("organization").isObject()
            ? text(content.get("organization"), "name")
            : text(content, "organization", "company", "employer");
    org.ifPresent(b::organization);
    Optional<String> level =
        content.path("employment_details").isObject()
            ? text(content.get("employment_details"), "career_level")
            : Optional.empty();
    level.or(() -> text(content, "career_level")).ifPresent(b::careerLevel);
    text(content, "url", "job_url", "link").ifPresent(b::url);
    text(meta, "source").ifPresent(b::source);
    text(meta, "date_posted", "posted_date")
        .or(() -> text(content, "date_posted"))
        .flatMap(JobPostings::date)
        .ifPresent(b::datePosted);
    if (file != null) {
      b.file(file);
    }
    return b.build();
  }

  private static Optional<String> location(JsonNode content) {
    JsonNode loc = content.get("location");
    if (loc == null || loc.isNull()) {
      return text(content, "city");
    }
    if (loc.isObject()) {
      List<String> parts = new ArrayList<>();
      for (String key : List.of("city", "region", "state", "country")) {
        text(loc, key)
            .filter(v -> !UNKNOWN.contains(v.toLowerCase(Locale.ROOT)))
            .filter(v -> !parts.contains(v))
            .ifPresent(parts::add);
      }
      return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }
    return text(content, "location").filter(v -> !UNKNOWN.contains(v.toLowerCase(Locale.ROOT)));
  }

  /** The first of the keys holding text (or a number, or an array of strings joined by lines). */
  private static Optional<String> text(JsonNode node, String... keys) {
    for (String key : keys) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        continue;
      }
      String s = null;
      if (v.isTextual() || v.isNumber()) {
        s = v.asText();
      } else if (v.isArray()) {
        List<String> lines = new ArrayList<>();
        v.forEach(
            e -> {
              if (e.isTextual()) {
                lines.add(e.asText());
              }
            });
        s = String.join("\n", lines);
      }
      if (s != null && !s.isBlank()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> date(String s) {
    String t = s.strip();
    try {
      return Optional.of(LocalDate.parse(t.length() >= 10 ? t.substring(0, 10) : t));
    } catch (DateTimeParseException e) {
      return Optional.empty(); // a malformed date is metadata we can do without
    }
  }

  private static final Pattern HEADER = Pattern.compile("^\\s*([\\p{L} _-]{2,30}?)\\s*:\\s*(.*)$");

  private static JobPosting text(String id, String text, @Nullable Path file) {
    JobPosting.Builder b = JobPosting.builder(id, text);
    boolean sawHeader = false;
    String firstLine = null;
    for (String line : text.split("\\R", -1)) {
      if (line.isBlank()) {
        if (sawHeader || firstLine != null) {
          break;
        }
        continue;
      }
      Matcher m = HEADER.matcher(line);
      String key = m.matches() ? m.group(1).strip().toLowerCase(Locale.ROOT) : null;
      String value = m.matches() ? m.group(2).strip() : null;
      if (key != null && value != null && !value.isEmpty() && header(b, key, value)) {
        sawHeader = true;
        continue;
      }
      if (!sawHeader && firstLine == null) {
        firstLine = line.strip().replaceFirst("^#+\\s*", "");
      }
      break;
    }
    if (!sawHeader && firstLine != null && firstLine.length() <= 120) {
      b.title(firstLine);
    }
    if (file != null) {
      b.file(file);
    }
    return b.build();
  }

  private static boolean header(JobPosting.Builder b, String key, String value) {
    switch (key) {
      case "title", "job title", "position", "titel", "stelle", "stellenbezeichnung" ->
          b.title(value);
      case "location", "city", "ort", "standort", "arbeitsort" -> b.location(value);
      case "company",
          "organization",
          "organisation",
          "employer",
          "firma",
          "unternehmen",
          "arbeitgeber" ->
          b.organization(value);
      case "url", "link" -> b.url(value);
      case "career level", "level", "karrierestufe" -> b.careerLevel(value);
      case "source", "quelle" -> b.source(value);
      case "date", "date posted", "posted", "datum" -> date(value).ifPresent(b::datePosted);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static String idFromFileName(String name) {
    Matcher m = JOB_FILE.matcher(name);
    if (m.matches()) {
      return m.group(1);
    }
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    if (stem.toLowerCase(Locale.ROOT).startsWith("job") && stem.length() > 3) {
      stem = stem.substring(3);
    }
    return stem.isBlank() ? "unknown" : stem;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String describe(String id, @Nullable Path file) {
    return file != null ? id + " (" + file + ")" : id;
  }
}
