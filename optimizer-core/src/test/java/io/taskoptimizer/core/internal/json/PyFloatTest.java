package io.taskoptimizer.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyFloatTest {

  @Test
  void matchesCpythonReprForGoldenCorpus() throws IOException {
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    try (InputStream in = getClass().getResourceAsStream("/python/float_repr.txt");
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" ", -1);
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
        String actual = PyFloat.repr(d);
        if (!actual.equals(parts[1])) {
          mismatches.add(parts[0] + ": expected " + parts[1] + " got " + actual);
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(3000);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void usesPythonExponentThresholds() {
    assertThat(PyFloat.repr(1e-05)).isEqualTo("1e-05");
    assertThat(PyFloat.repr(0.0001)).isEqualTo("0.0001");
    assertThat(PyFloat.repr(1e16)).isEqualTo("1e+16");
    assertThat(PyFloat.repr(1e15)).isEqualTo("1000000000000000.0");
    assertThat(PyFloat.repr(1.0)).isEqualTo("1.0");
    assertThat(PyFloat.repr(-2.5e-7)).isEqualTo("-2.5e-07");
  }

  // each literal is the shortest decimal that reads back as its double, the very text PyFloat must
  // print; Error Prone compares it with JDK 17's Double.toString, which has the extra digits
  @SuppressWarnings("FloatingPointLiteralPrecision")
  @Test
  void findsShortestDigitsWhereJdk17DoubleToStringDoesNot() {
    // JDK 17 prints these as 2.82879384806159008E17, 9.999999999999999E22, 4.9E-324 (JDK-4511638)
    assertThat(PyFloat.repr(2.82879384806159E17)).isEqualTo("2.82879384806159e+17");
    assertThat(PyFloat.repr(1.0e23)).isEqualTo("1e+23");
    assertThat(PyFloat.repr(4.8726570057E288)).isEqualTo("4.8726570057e+288");
    assertThat(PyFloat.repr(Double.MIN_VALUE)).isEqualTo("5e-324");
  }

  @Test
  void writesNonFiniteValuesAsJsonDumpsDoes() {
    assertThat(PyFloat.repr(Double.NaN)).isEqualTo("NaN");
    assertThat(PyFloat.repr(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    assertThat(PyFloat.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(PyFloat.repr(-0.0)).isEqualTo("-0.0");
  }
}
