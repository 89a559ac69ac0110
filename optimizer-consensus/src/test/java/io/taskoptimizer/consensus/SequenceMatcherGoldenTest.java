package io.taskoptimizer.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the port against values CPython 3.11's difflib computed ({@code difflib-golden.jsonl.gz},
 * written by {@code src/test/python/gen_golden.py}). Every value must be exactly equal: the ratio
 * is compared as a {@code double} parsed from Python's {@code repr}, which round-trips exactly.
 */
class SequenceMatcherGoldenTest {

  private static final String CORPUS = "difflib-golden.jsonl.gz";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One pair of the corpus. */
  record GoldenPair(int id, String category, String a, String b, JsonNode results) {
    @Override
    public String toString() {
      return "#" + id + " " + category + " (" + a.length() + "/" + b.length() + " chars)";
    }
  }

  static List<GoldenPair> corpus() {
    List<GoldenPair> pairs = new ArrayList<>();
    try (InputStream raw = SequenceMatcherGoldenTest.class.getResourceAsStream(CORPUS)) {
      assertThat(raw).as("golden corpus on the test class path").isNotNull();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
      JsonNode meta = JSON.readTree(in.readLine());
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode n = JSON.readTree(line);
        pairs.add(
            new GoldenPair(
                n.get("id").asInt(),
                n.get("cat").asText(),
                n.get("a").asText(),
                n.get("b").asText(),
                n.get("results")));
      }
      assertThat(pairs).hasSize(meta.get("pairs").asInt());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pairs;
  }

  @Test
  void corpusCoversEveryRequiredKindOfInput() {
    List<GoldenPair> pairs = corpus();
    assertThat(pairs).hasSizeGreaterThan(2500);
    assertThat(pairs)
        .extracting(GoldenPair::category)
        .contains(
            "tiny",
            "whitespace",
            "umlaut",
            "astral",
            "autojunk",
            "near_dup",
            "extraction",
            "long_2k",
            "long_8k",
            "lone_surrogate");
    assertThat(pairs).filteredOn(p -> p.a().isEmpty() && p.b().isEmpty()).isNotEmpty();
    assertThat(pairs)
        .filteredOn(p -> p.b().codePointCount(0, p.b().length()) >= 200)
        .hasSizeGreaterThanOrEqualTo(200);
    assertThat(pairs)
        .filteredOn(p -> p.a().codePoints().anyMatch(Character::isSupplementaryCodePoint))
        .isNotEmpty();
    assertThat(pairs).filteredOn(p -> p.a().length() >= 8000).isNotEmpty();
    // autojunk must really change some results, or the corpus would not test it
    assertThat(pairs)
        .filteredOn(p -> !p.results().get(0).get("ratio").equals(p.results().get(1).get("ratio")))
        .hasSizeGreaterThan(100);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void matchesCpythonDifflibExactly(GoldenPair pair) {
    for (JsonNode r : pair.results()) {
      boolean autojunk = r.get("autojunk").asBoolean();
      IntPredicate junk = junkPredicate(r.get("junk"));
      SequenceMatcher sm = new SequenceMatcher(junk, pair.a(), pair.b(), autojunk);
      String config = "autojunk=" + autojunk + ", junk=" + r.get("junk");

      assertThat(sm.ratio())
          .as("ratio, %s", config)
          .isEqualTo(Double.parseDouble(r.get("ratio").asText()));
      assertThat(sm.quickRatio())
          .as("quick_ratio, %s", config)
          .isEqualTo(Double.parseDouble(r.get("quick_ratio").asText()));
      assertThat(sm.realQuickRatio())
          .as("real_quick_ratio, %s", config)
          .isEqualTo(Double.parseDouble(r.get("real_quick_ratio").asText()));
      assertThat(toLists(sm.findLongestMatch()))
          .as("find_longest_match, %s", config)
          .isEqualTo(ints(r.get("longest")));
      assertThat(sm.matchingBlocks().stream().map(SequenceMatcherGoldenTest::toLists).toList())
          .as("matching blocks, %s", config)
          .isEqualTo(nested(r.get("blocks")));
      assertThat(sm.opcodes().stream().map(SequenceMatcherGoldenTest::toLists).toList())
          .as("opcodes, %s", config)
          .isEqualTo(nested(r.get("opcodes")));
    }
  }

  private static IntPredicate junkPredicate(JsonNode name) {
    if (name.isNull()) {
      return null;
    }
    if (name.asText().equals("space_tab")) {
      return cp -> cp == ' ' || cp == '\t';
    }
    throw new IllegalStateException("unknown junk predicate in corpus: " + name);
  }

  private static List<Object> toLists(SequenceMatcher.Match m) {
    return List.of(m.a(), m.b(), m.size());
  }

  private static List<Object> toLists(SequenceMatcher.Opcode o) {
    return List.of(o.tag().pythonName(), o.i1(), o.i2(), o.j1(), o.j2());
  }

  private static List<Object> ints(JsonNode array) {
    List<Object> out = new ArrayList<>();
    array.forEach(v -> out.add(v.isTextual() ? v.asText().toLowerCase(Locale.ROOT) : v.asInt()));
    return out;
  }

  private static List<List<Object>> nested(JsonNode array) {
    List<List<Object>> out = new ArrayList<>();
    array.forEach(v -> out.add(ints(v)));
    return out;
  }
}
