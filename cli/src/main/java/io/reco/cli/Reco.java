package io.reco.cli;

import io.reco.hbase.StandaloneHBase;
import io.reco.ingest.common.CommandLine;
import io.reco.jobs.RecoJobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.serving.RecoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The commands of {@code bin/reco} on one machine. Everything runs in this JVM: HBase standalone, jobs on
 * LocalJobRunner, the servlet on Jetty; the data lives under {@code --data} (default {@code var}).
 *
 * <pre>
 * reco demo [--port 8080] [--events 200000] [--seed 42] [--data var] [--rebuild]
 * reco hbase [--data var]                 standalone HBase until Ctrl-C; other commands connect to it
 * reco jobs &lt;job&gt; [args]                a job of the jobs jar, on LocalJobRunner, against that HBase
 * reco serve [--port 8080] [--data var]   the servlet against that HBase
 * reco ingest &lt;source&gt; [args]          land data in the raw zone (default --raw var/raw); no HBase needed
 * reco import --dataset &lt;name&gt; --input &lt;file&gt;   a public dataset into the raw zone
 * reco verify-raw [--root var/raw]       every raw file against its manifest
 * reco validate --from D --to D           bronze to silver with the quality report; exit 1 on a failed check
 * </pre>
 */
public final class Reco {
  private static final String USAGE = """
      usage: bin/reco <command> [options]
        demo   [--port 8080] [--events 200000] [--seed 42] [--data var] [--rebuild]
               build HBase, data and a model, then serve recommendations until Ctrl-C
        hbase  [--data var]                     run the standalone HBase until Ctrl-C
        jobs   <job> [args]                     run a job (no job: list them) against the running HBase
        serve  [--port 8080] [--data var]       serve recommendations from the running HBase
        ingest clickstream --bootstrap-servers host:port [--topic reco_clickstream] [--max-idle-ms N]
        ingest transactions --landing <dir> --archive <dir>
        ingest master --entity catalog|customers --input <file>
        ingest product-metadata --url <first page>
               land data in the raw zone (--raw, default var/raw), each file with its manifest
        import --dataset rees46|online-retail|retailrocket|movielens --input <file> [--items <file>]
               a public dataset into the raw zone as canonical events and a catalog snapshot
        verify-raw [--root var/raw]             check every raw file against its manifest; exit 1 if any is wrong
        validate --from YYYY-MM-DD --to YYYY-MM-DD [--raw var/raw] [--output var/runs/validate-<time>]
               bronze to silver: validate, clean, check references; the quality report in <output>/report
               (JSON, HTML, PDF); exit 1 when a check fails
      """;

  /** The raw zone of the embedded demo. */
  private static final String RAW = "var/raw";

  private Reco() {
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(CommandLine.exitCode("reco", () -> run(args)));
  }

  static int run(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.print(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "demo" -> {
        Demo.run(Demo.Options.parse(rest), System.out);
        return 0;
      }
      case "hbase" -> {
        StandaloneHBase.main(new String[] {dataDir(rest).resolve("hbase").toString()});
        return 0;
      }
      case "jobs" -> {
        // listing the jobs needs no HBase
        return RecoJobs.run(rest.length == 0 ? noHBaseConf() : localConf(dataDir(new String[0])), rest);
      }
      case "ingest" -> {
        if (rest.length == 0) {
          System.err.print(USAGE);
          return 2;
        }
        String[] toolArgs = withDefault(Arrays.copyOfRange(rest, 1, rest.length), "--raw", RAW);
        return RecoJobs.run(noHBaseConf(), concat("ingest-" + rest[0], toolArgs));
      }
      case "import" -> {
        return RecoJobs.run(noHBaseConf(), concat("import", withDefault(rest, "--raw", RAW)));
      }
      case "validate" -> {
        String out = option(rest, "--output", "var/runs/" + BronzeToSilverTool.runName(Instant.now()));
        String[] toolArgs = withDefault(without(rest, "--output"), "--raw", RAW);
        return RecoJobs.run(noHBaseConf(), concat(concat(BronzeToSilverTool.NAME, toolArgs), "--output", out));
      }
      case "verify-raw" -> {
        return RecoJobs.run(noHBaseConf(), concat("verify-raw", withDefault(rest, "--root", RAW)));
      }
      case "serve" -> {
        int port = Integer.parseInt(option(rest, "--port", "8080"));
        Configuration conf = localConf(dataDir(rest));
        try (RecoServer server = RecoServer.start(conf, "0.0.0.0", port)) {
          System.out.println("serving on http://localhost:" + server.port() + "/ ; Ctrl-C stops");
          server.join();
        }
        return 0;
      }
      default -> {
        System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
        return 2;
      }
    }
  }

  /** LocalJobRunner settings plus the client settings of the standalone HBase running over {@code data}. */
  static Configuration localConf(Path data) {
    Path site = data.resolve("hbase").resolve(StandaloneHBase.SITE_FILE);
    if (!Files.isRegularFile(site)) {
      throw new IllegalStateException("no HBase is running over " + data.resolve("hbase")
          + " (no " + site + "); start one with 'bin/reco hbase' or 'bin/reco demo'");
    }
    Configuration conf = LocalJobs.configure(new Configuration(), data.resolve("tmp"));
    conf.addResource(new org.apache.hadoop.fs.Path(site.toUri()));
    return conf;
  }

  /** Settings for commands that touch only files: local file system and LocalJobRunner. */
  static Configuration noHBaseConf() {
    return LocalJobs.configure(new Configuration(), Path.of("var", "tmp"));
  }

  /** {@code args} with {@code name value} appended unless {@code name} is there already. */
  static String[] withDefault(String[] args, String name, String value) {
    return Arrays.asList(args).contains(name) ? args : concat(args, name, value);
  }

  /** {@code args} without {@code name} and its value. */
  static String[] without(String[] args, String name) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name)) {
        i++;
      } else {
        out.add(args[i]);
      }
    }
    return out.toArray(String[]::new);
  }

  private static String[] concat(String first, String[] rest) {
    String[] out = new String[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  private static String[] concat(String[] args, String... more) {
    String[] out = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, out, args.length, more.length);
    return out;
  }

  static Path dataDir(String[] args) {
    return Path.of(option(args, "--data", "var"));
  }

  static String option(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i + 1];
      }
    }
    return fallback;
  }
}
