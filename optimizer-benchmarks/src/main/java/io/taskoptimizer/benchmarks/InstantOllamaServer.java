package io.taskoptimizer.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The least an HTTP/1.1 server can do to answer an Ollama chat: a blocking socket per connection
 * (kept alive), the request's headers and body read, and one of two canned answers written in a
 * single write. The answers are captured from the {@code OllamaTestServer} once, so every client
 * parses the same bytes; whether the request body asks for {@code "stream":false} picks the whole
 * JSON object ({@code Content-Length}) or the NDJSON stream (chunked, all lines in one chunk).
 *
 * <p>Why not the test server itself: it simulates a model (scheduling, metrics, one flushed chunk
 * per token) and costs several times what the clients under test cost, so the client differences
 * drowned in its noise. This server spends almost nothing per request.
 */
final class InstantOllamaServer implements AutoCloseable {

  private final ServerSocket socket;
  private final byte[] whole;
  private final byte[] stream;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param wholeBody the body of a non-streaming answer
   * @param streamBody the NDJSON lines of a streamed answer
   */
  InstantOllamaServer(byte[] wholeBody, byte[] streamBody) throws IOException {
    this.whole =
        concat(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
                    + wholeBody.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII),
            wholeBody);
    this.stream =
        concat(
            concat(
                ("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(streamBody.length)
                        + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII),
                streamBody),
            "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    this.socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    Thread acceptor = new Thread(this::accept, "instant-ollama-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  private void accept() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        s.setTcpNoDelay(true);
        connections.add(s);
        Thread t = new Thread(() -> serve(s), "instant-ollama-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
      OutputStream out = s.getOutputStream();
      byte[] body = new byte[64 * 1024];
      while (true) {
        int length = headers(in);
        if (length < 0) {
          return;
        }
        if (length > body.length) {
          body = new byte[length];
        }
        int read = in.readNBytes(body, 0, length);
        if (read < length) {
          return;
        }
        out.write(streamed(body, length) ? stream : whole);
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      connections.remove(s);
    }
  }

  /**
   * Reads the request line and headers; returns the Content-Length, or -1 at the end of the stream.
   */
  private static int headers(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int length = 0;
    boolean any = false;
    while (true) {
      int c = in.read();
      if (c < 0) {
        return -1;
      }
      if (c == '\n') {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
          line.setLength(n - 1);
        }
        if (line.length() == 0) {
          if (any) {
            return length;
          }
          continue;
        }
        any = true;
        String h = line.toString().toLowerCase(Locale.ROOT);
        if (h.startsWith("content-length:")) {
          length = Integer.parseInt(h.substring(15).trim());
        } else if (h.startsWith("transfer-encoding:")) {
          throw new IOException("chunked requests are not supported: " + h);
        }
        line.setLength(0);
      } else {
        line.append((char) c);
      }
    }
  }

  /**
   * Whether the request body asks for a stream (Ollama's default) rather than {@code
   * "stream":false}.
   */
  private static boolean streamed(byte[] body, int length) {
    String s = new String(body, 0, length, StandardCharsets.UTF_8).replace(" ", "");
    return !s.contains("\"stream\":false");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    for (Socket s : connections) {
      s.close();
    }
  }
}
