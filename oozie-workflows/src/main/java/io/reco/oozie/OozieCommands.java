package io.reco.oozie;

import io.reco.commands.CommandCatalog;
import io.reco.commands.RecoTool;
import io.reco.commands.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.oozie.client.CoordinatorAction;
import org.apache.oozie.client.CoordinatorJob;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.OozieClientException;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/reco oozie deploy | run | status | kill}: puts the Oozie application (this module's {@code src/main/app}
 * and the jobs jar under {@code lib/}) on HDFS and drives an Oozie server through oozie-client, as an operator's own
 * {@code hdfs dfs -put} and {@code oozie job} would.
 */
public final class OozieCommands {
  /** The application's files in a checkout. */
  static final String APP = "oozie-workflows/src/main/app";
  /** Where mr-jobs' build leaves the jobs jar in a checkout. */
  static final String JOBS_TARGET = "mr-jobs/target";

  private OozieCommands() {
  }

  /** The four commands. */
  public static CommandCatalog catalog() {
    return new CommandCatalog("usage: bin/reco oozie <command> [options]\ncommands:")
        .tool(Deploy::new)
        .tool(Run::new)
        .tool(Status::new)
        .tool(Kill::new);
  }

  /** Uploads the application beside the deployed one and then swaps them, so a run never sees half of it. */
  @Command(name = "deploy", description = "upload the workflows, the coordinators and the jobs jar (lib/) to HDFS")
  public static final class Deploy extends RecoTool {
    @Option(names = "--to", required = true, description = "The application's directory, e.g. "
        + "hdfs://namenode:8020/apps/reco (appPath of the .properties files).")
    private org.apache.hadoop.fs.Path to;
    @Option(names = "--app", defaultValue = APP, description = "The application's local directory.")
    private Path app;
    @Option(names = "--jobs-jar", description = "The jobs jar (default: the newest " + JOBS_TARGET
        + "/reco-jobs-*.jar).")
    private Path jobsJar;

    @Override
    protected int execute() throws IOException {
      if (!Files.isRegularFile(app.resolve("coordinator.xml"))) {
        throw new UsageException("deploy: " + app + " holds no coordinator.xml: not the Oozie application");
      }
      Path jar = jobsJar != null ? jobsJar : newestJobsJar(Path.of(JOBS_TARGET));
      if (!Files.isRegularFile(jar)) {
        throw new UsageException("deploy: no jobs jar " + jar + "; build it with mvn package");
      }
      FileSystem fs = to.getFileSystem(getConf());
      org.apache.hadoop.fs.Path target = fs.makeQualified(to);
      org.apache.hadoop.fs.Path staging = target.suffix(".deploying");
      org.apache.hadoop.fs.Path previous = target.suffix(".previous");
      fs.delete(staging, true);
      List<Path> files;
      try (Stream<Path> walk = Files.walk(app)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      long bytes = 0;
      for (Path file : files) {
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()),
            new org.apache.hadoop.fs.Path(staging, app.relativize(file).toString().replace('\\', '/')));
        bytes += Files.size(file);
      }
      org.apache.hadoop.fs.Path lib = new org.apache.hadoop.fs.Path(staging, "lib");
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(jar.toAbsolutePath().toUri()),
          new org.apache.hadoop.fs.Path(lib, jar.getFileName().toString()));
      int libraries = unpackLibraries(jar, fs, lib);
      fs.delete(previous, true);
      if (fs.exists(target) && !fs.rename(target, previous)) {
        throw new IOException("deploy: cannot move the deployed application " + target + " aside to " + previous);
      }
      if (!fs.rename(staging, target)) {
        throw new IOException("deploy: cannot move " + staging + " to " + target);
      }
      System.out.printf("deploy: %d files (%,d bytes), lib/%s (%,d bytes) and its %d libraries in %s%s%n",
          files.size(), bytes, jar.getFileName(), Files.size(jar), libraries, target,
          fs.exists(previous) ? "; the one before in " + previous : "");
      return 0;
    }

    /**
     * Writes the jobs jar's own {@code lib/*.jar} beside it: {@code hadoop jar} and the MapReduce tasks open them
     * inside the jar, but Oozie's launcher puts only the jars of the application's {@code lib/} on its classpath.
     */
    private static int unpackLibraries(Path jar, FileSystem fs, org.apache.hadoop.fs.Path lib) throws IOException {
      int count = 0;
      try (JarFile jobs = new JarFile(jar.toFile())) {
        for (JarEntry entry : Collections.list(jobs.entries())) {
          String name = entry.getName();
          if (!entry.isDirectory() && name.startsWith("lib/") && name.endsWith(".jar") && name.indexOf('/', 4) < 0) {
            try (InputStream in = jobs.getInputStream(entry);
                OutputStream out = fs.create(new org.apache.hadoop.fs.Path(lib, name.substring(4)), true)) {
              in.transferTo(out);
            }
            count++;
          }
        }
      }
      return count;
    }
  }

  /** Submits a coordinator (or a workflow) with one of the application's {@code .properties} files. */
  @Command(name = "run", description = "start the coordinator a .properties file names on the Oozie server")
  public static final class Run extends ServerCommand {
    @Option(names = "--config", required = true, description = "A job.properties file, e.g. " + APP
        + "/daily.properties.")
    private Path config;
    @Option(names = "--set", paramLabel = "key=value", description = "Overrides a property of --config.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    protected int execute() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(config)) {
        properties.load(in);
      }
      overrides.forEach(properties::setProperty);
      properties.putIfAbsent(OozieClient.USER_NAME, System.getProperty("user.name"));
      String id = call(client -> client.run(properties));
      System.out.printf("run: %s started on %s from %s%n", id, url, config);
      return 0;
    }
  }

  /** A coordinator's status and its actions by status, or a workflow's status and its actions. */
  @Command(name = "status", description = "the status of a coordinator (-C) or workflow (-W) job")
  public static final class Status extends ServerCommand {
    @Parameters(paramLabel = "job-id", description = "The id run printed.")
    private String id;

    @Override
    protected int execute() throws IOException {
      if (id.endsWith("-C")) {
        CoordinatorJob job = call(client -> client.getCoordJobInfo(id));
        Map<CoordinatorAction.Status, Long> byStatus = job.getActions().stream()
            .collect(Collectors.groupingBy(CoordinatorAction::getStatus, TreeMap::new, Collectors.counting()));
        System.out.printf("%s %s %s: %s; actions %s%n", id, job.getAppName(), job.getStatus(),
            job.getNextMaterializedTime() == null ? "nothing more to materialize"
                : "next " + job.getNextMaterializedTime().toInstant(), byStatus);
      } else {
        WorkflowJob job = call(client -> client.getJobInfo(id));
        System.out.printf("%s %s %s%n", id, job.getAppName(), job.getStatus());
        for (WorkflowAction action : job.getActions()) {
          System.out.printf("  %-24s %-10s %s%n", action.getName(), action.getStatus(),
              action.getErrorMessage() == null ? "" : action.getErrorMessage());
        }
      }
      return 0;
    }
  }

  /** Kills a coordinator or workflow job. */
  @Command(name = "kill", description = "kill a coordinator or workflow job")
  public static final class Kill extends ServerCommand {
    @Parameters(paramLabel = "job-id", description = "The id run printed.")
    private String id;

    @Override
    protected int execute() throws IOException {
      call(client -> {
        client.kill(id);
        return id;
      });
      System.out.printf("kill: %s killed%n", id);
      return 0;
    }
  }

  /** A command that talks to the Oozie server: its address, and one line when it cannot. */
  abstract static class ServerCommand extends RecoTool {
    @Option(names = "--oozie", defaultValue = "${env:OOZIE_URL:-http://localhost:11000/oozie}",
        description = "The Oozie server (default: $OOZIE_URL, as the oozie command reads it).")
    String url;

    /** One call through oozie-client; its failure as one line naming the server. */
    final <T> T call(ClientCall<T> call) throws IOException {
      try {
        return call.apply(new OozieClient(url));
      } catch (OozieClientException e) {
        throw new IOException(name() + ": Oozie at " + url + " answered " + e.getErrorCode() + ": "
            + e.getMessage(), e);
      }
    }
  }

  /** One call of oozie-client. */
  @FunctionalInterface
  interface ClientCall<T> {
    T apply(OozieClient client) throws OozieClientException;
  }

  private static Path newestJobsJar(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return dir.resolve("reco-jobs-<version>.jar");
    }
    try (Stream<Path> jars = Files.list(dir)) {
      return jars.filter(p -> p.getFileName().toString().matches("reco-jobs-.*\\.jar"))
          .max(Comparator.comparing(p -> p.toFile().lastModified()))
          .orElse(dir.resolve("reco-jobs-<version>.jar"));
    }
  }
}
