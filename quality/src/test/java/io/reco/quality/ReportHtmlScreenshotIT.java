package io.reco.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import io.reco.testing.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML page as a browser draws it: headless Chromium takes a screenshot and the test looks for the badge colours.
 * Needs {@code /usr/bin/chromium}: skipped without it, failed without it under CI. The screenshot is kept as {@code target/quality-report.png}.
 */
class ReportHtmlScreenshotIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final int FAIL_RED = 0xcf222e;
  private static final int PASS_GREEN = 0x1a7f37;
  private static final int WARN_AMBER = 0xb86e00;

  @TempDir
  Path dir;

  @Test
  void showsTheBadgesInTheirColours() throws IOException, InterruptedException {
    Prerequisites.executable(CHROMIUM.toString(),
        "install Debian's chromium (apt-get install chromium) to run the screenshot test");
    Path html = dir.resolve("report.html");
    Files.writeString(html, ReportHtml.render(SampleReports.sample()), StandardCharsets.UTF_8);
    Path png = dir.resolve("report.png");
    Path profile = Files.createDirectory(dir.resolve("profile"));
    Path log = dir.resolve("chromium.log");

    Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,2000", "--screenshot=" + png,
        html.toUri().toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly();
      fail("chromium took over 60 s: " + read(log));
    }
    assertEquals(0, chromium.exitValue(), () -> "chromium failed: " + read(log));
    assertTrue(Files.exists(png), () -> "no screenshot: " + read(log));
    Path kept = Path.of("target", "quality-report.png");
    Files.createDirectories(kept.getParent());
    Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1280, image.getWidth());
    // a badge is a few hundred pixels of solid colour; antialiased edges and text do not add up to that
    assertTrue(pixels(image, FAIL_RED) > 300, "FAIL badge red");
    assertTrue(pixels(image, PASS_GREEN) > 300, "PASS badge green");
    assertTrue(pixels(image, WARN_AMBER) > 300, "WARN badge amber");
  }

  private static int pixels(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (near(p >> 16, rgb >> 16) && near(p >> 8, rgb >> 8) && near(p, rgb)) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean near(int a, int b) {
    return Math.abs((a & 0xff) - (b & 0xff)) <= 4;
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
