package io.taskoptimizer.api.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests, shared by the Task Optimizer modules (this package is exported only to them).
 * Stateless and thread-safe.
 */
public final class Hashing {

  private Hashing() {}

  /**
   * The SHA-256 digest of some bytes.
   *
   * @param bytes the bytes to digest
   * @return the 32-byte digest
   * @throws IllegalStateException if the JVM has no SHA-256 (every Java SE platform must have it)
   */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM; every Java SE has it", e);
    }
  }

  /**
   * The SHA-256 digest of a string's UTF-8 bytes, in lower-case hex.
   *
   * @param s the text to digest
   * @return 64 lower-case hex digits
   * @throws IllegalStateException if the JVM has no SHA-256
   */
  public static String sha256Hex(String s) {
    return HexFormat.of().formatHex(sha256(s.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The SHA-256 digest of some bytes, in lower-case hex.
   *
   * @param bytes the bytes to digest
   * @return 64 lower-case hex digits
   * @throws IllegalStateException if the JVM has no SHA-256
   */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }
}
