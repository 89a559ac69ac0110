package io.taskoptimizer.judge.internal;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.judge.Rubric;
import java.util.Map;
import java.util.stream.Collectors;

/** The judge's prompts and the JSON schemas of its answers. */
public final class Prompts {

  /** Longest input or answer shown to the judge, in characters; longer ones are cut. */
  public static final int MAX_SHOWN = 12_000;

  /** The system prompt of every judge call. */
  public static final String SYSTEM =
      "You are a strict, impartial grader of answers produced by"
          + " language models. Judge only the content against the criteria. Do not favour an answer"
          + " for its position, its length or its style of writing. Reply with JSON only.";

  /** The pairwise answer schema. */
  public static final ResponseFormat PAIRWISE_FORMAT =
      ResponseFormat.jsonSchema(
          "{\"type\":\"object\",\"properties\":{\"winner\":{\"type\":\"string\","
              + "\"enum\":[\"A\",\"B\",\"tie\"]},\"reason\":{\"type\":\"string\"}},"
              + "\"required\":[\"winner\",\"reason\"],\"additionalProperties\":false}");

  private Prompts() {}

  /**
   * The schema of a rubric verdict: every criterion once, integer scores 1..10.
   *
   * @param rubric the rubric
   * @return a JSON-schema response format
   */
  public static ResponseFormat rubricFormat(Rubric rubric) {
    String names =
        rubric.names().stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","));
    int n = rubric.criteria().size();
    return ResponseFormat.jsonSchema(
        "{\"type\":\"object\",\"properties\":{\"criteria\":{"
            + "\"type\":\"array\",\"minItems\":"
            + n
            + ",\"maxItems\":"
            + n
            + ",\"items\":{"
            + "\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"enum\":["
            + names
            + "]},\"score\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10},"
            + "\"reason\":{\"type\":\"string\"}},\"required\":[\"name\",\"score\",\"reason\"],"
            + "\"additionalProperties\":false}}},\"required\":[\"criteria\"],"
            + "\"additionalProperties\":false}");
  }

  /**
   * The user prompt asking for a rubric verdict of one answer.
   *
   * @param rubric the rubric to grade against
   * @param request the request that produced the answer (its prompt and inputs are shown)
   * @param answer the answer to grade (cut to {@value #MAX_SHOWN} characters)
   * @return the prompt
   */
  public static String rubric(Rubric rubric, GenerationRequest request, String answer) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "Grade the ANSWER to the TASK against each criterion below. Give every criterion an"
            + " integer score from 1 (very poor) to 10 (excellent) and a one-line reason.\n\n");
    task(sb, request);
    sb.append("ANSWER:\n<<<\n").append(cut(answer)).append("\n>>>\n\n");
    criteria(sb, rubric);
    sb.append(
        "Reply with JSON only, every criterion exactly once: {\"criteria\":[{\"name\":"
            + "\"<criterion>\",\"score\":<1-10>,\"reason\":\"<one line>\"}]}\n");
    return sb.toString();
  }

  /**
   * The user prompt asking which of two answers is better.
   *
   * @param rubric the rubric whose criteria the judge weighs
   * @param request the request both answers respond to (its prompt and inputs are shown)
   * @param first the answer shown first, as A
   * @param second the answer shown second, as B
   * @return the prompt
   */
  public static String pairwise(
      Rubric rubric, GenerationRequest request, String first, String second) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "Two answers to the same TASK follow. Decide which answer is better for the task,"
            + " judged on the criteria below. The order in which the answers are shown means nothing,"
            + " and a longer answer is not better for being longer.\n\n");
    task(sb, request);
    sb.append("ANSWER A:\n<<<\n").append(cut(first)).append("\n>>>\n\n");
    sb.append("ANSWER B:\n<<<\n").append(cut(second)).append("\n>>>\n\n");
    criteria(sb, rubric);
    sb.append(
        "Reply with JSON only: {\"winner\":\"A\" or \"B\" or \"tie\",\"reason\":\"<one line>\"}\n");
    return sb.toString();
  }

  private static void task(StringBuilder sb, GenerationRequest request) {
    sb.append("TASK (what the model was asked):\n<<<\n");
    sb.append(cut(request.promptText())).append("\n>>>\n\n");
    Map<String, String> inputs = request.inputs();
    if (!inputs.isEmpty()) {
      sb.append("CONTEXT (given to the task, not shown to the model):\n");
      inputs.forEach(
          (k, v) -> sb.append("[").append(k).append("]\n<<<\n").append(cut(v)).append("\n>>>\n"));
      sb.append('\n');
    }
  }

  private static void criteria(StringBuilder sb, Rubric rubric) {
    sb.append("CRITERIA:\n");
    for (Rubric.Criterion c : rubric.criteria()) {
      sb.append("- ").append(c.name()).append(": ").append(c.description()).append('\n');
    }
    sb.append('\n');
  }

  private static String cut(String s) {
    return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "\n[... cut]";
  }

  /**
   * Counts the words in a text.
   *
   * @param s the text
   * @return the number of runs of non-white-space characters
   */
  public static int words(String s) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      boolean ws = Character.isWhitespace(s.charAt(i));
      if (!ws && !in) {
        n++;
      }
      in = !ws;
    }
    return n;
  }
}
