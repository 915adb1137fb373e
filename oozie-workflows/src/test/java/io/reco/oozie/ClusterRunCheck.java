package io.reco.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.hbase.StandaloneHBase;
import io.reco.schema.ModelInfo;
import io.reco.schema.ModelRegistry;
import io.reco.schema.SchemaAdmin;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.apache.hadoop.net.ScriptBasedMapping;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as an operator runs it on a cluster: {@code hadoop jar reco-jobs.jar} (Hadoop's RunJar in its
 * own process) on HDFS (MiniDFSCluster) and YARN (MiniMRYarnCluster, not LocalJobRunner), writing to a real HBase.
 * That process's classpath is only what a cluster has - Hadoop's jars and HBase's ({@code hbase mapredcp}) - and
 * YARN gives the tasks the same, so every class of ours, Mahout's, Avro's and the rest reaches them in the jobs jar
 * or not at all.
 */
class ClusterRunCheck {
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(20);
  /** Where mr-jobs' build leaves the jobs jar. */
  static final Path JOBS_TARGET = Path.of(System.getProperty("reco.jobs.target", "../mr-jobs/target"));

  @TempDir
  static Path dir;

  private static MiniDFSCluster dfs;
  private static MiniMRYarnCluster yarn;
  private static StandaloneHBase hbase;
  private static Path confDir;

  @BeforeAll
  static void startCluster() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    Configuration yarnConf = new Configuration(dfs.getConfiguration(0));
    yarnConf.set(MRJobConfig.MR_AM_STAGING_DIR, "/tmp/hadoop-yarn/staging");
    yarnConf.setInt(YarnConfiguration.NM_PMEM_MB, 6144);
    yarnConf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
    // what an operator's mapred-site.xml says for JDK 17 task JVMs (see the README, "Run on a cluster")
    String opens = "--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED"
        + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED";
    yarnConf.setInt(MRJobConfig.MR_AM_VMEM_MB, 1024);
    yarnConf.set(MRJobConfig.MR_AM_COMMAND_OPTS, "-Xmx800m " + opens);
    yarnConf.setInt(MRJobConfig.MAP_MEMORY_MB, 768);
    yarnConf.set(MRJobConfig.MAP_JAVA_OPTS, "-Xmx600m " + opens);
    yarnConf.setInt(MRJobConfig.REDUCE_MEMORY_MB, 768);
    yarnConf.set(MRJobConfig.REDUCE_JAVA_OPTS, "-Xmx600m " + opens);
    yarn = new MiniMRYarnCluster("reco-cluster-run", 1);
    yarn.init(yarnConf);
    yarn.start();

    hbase = StandaloneHBase.start(dir.resolve("hbase"));
    try (Connection connection = ConnectionFactory.createConnection(hbase.configuration());
        Admin admin = connection.getAdmin()) {
      assertTrue(new SchemaAdmin(admin).ensure().ok(), "the reco tables are created");
    }

    confDir = Files.createDirectories(dir.resolve("conf"));
    Configuration site = new Configuration(yarn.getConfig());
    // a job with one reducer runs in its application master's JVM (mapred-site.xml may say so for small inputs):
    // one JVM start a job, not one a task, on these two cores
    site.setBoolean(MRJobConfig.JOB_UBERTASK_ENABLE, true);
    site.setInt(MRJobConfig.JOB_UBERTASK_MAXMAPS, 1000);
    site.setLong(MRJobConfig.JOB_UBERTASK_MAXBYTES, 1L << 30);
    // MiniDFSCluster's rack mapping is a class of Hadoop's tests, which a cluster does not have
    site.set(CommonConfigurationKeysPublic.NET_TOPOLOGY_NODE_SWITCH_MAPPING_IMPL_KEY,
        ScriptBasedMapping.class.getName());
    try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
      site.writeXml(out);
    }
    Files.copy(hbase.siteFile(), confDir.resolve("hbase-site.xml"));
  }

  @AfterAll
  static void stopCluster() throws IOException {
    if (hbase != null) {
      hbase.close();
    }
    if (yarn != null) {
      yarn.stop();
    }
    if (dfs != null) {
      dfs.shutdown();
    }
  }

  @Test
  void theJobsJarRunsThePipelineOnYarnAndHdfsAndItsModelIsServed() throws Exception {
    String generated = hadoopJar("generate", "--output", "/shop", "--events", "20000", "--seed", "7");
    assertTrue(generated.contains("20,0") || generated.contains("20000") || generated.contains("events"),
        generated);

    String run = hadoopJar("pipeline", "--raw", "/shop/raw", "--from", "2026-11-01", "--to", "2026-11-07",
        "--work", "/reco/work");

    Matcher published = Pattern.compile("model (v\\d{8}-\\d{6}) is now served").matcher(run);
    assertTrue(published.find(), "the pipeline promotes its model:\n" + run);
    String version = published.group(1);
    try (Connection connection = ConnectionFactory.createConnection(hbase.configuration())) {
      ModelRegistry registry = new ModelRegistry(connection);
      assertEquals(version, registry.activeVersion().orElseThrow());
      ModelInfo model = registry.describe(version).orElseThrow();
      assertEquals(ModelRegistry.PUBLISHED, model.status());
      assertTrue(model.lineage().orElseThrow().inputs().stream().allMatch(input -> input.path().startsWith("hdfs://")),
          "the lineage names the HDFS partitions it read: " + model.lineage());
    }
    FileSystem hdfs = dfs.getFileSystem();
    assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path("/reco/work/" + version + "/report/report.html")),
        "the quality report is on HDFS");
    assertTrue(run.contains("report.pdf not written"), "the jobs jar has no PDF renderer, and says so:\n" + run);
  }

  /** Runs {@code hadoop jar reco-jobs.jar args} in its own process; returns its output, failing on a non-zero exit. */
  private static String hadoopJar(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Djava.net.preferIPv4Stack=true"));
    // this test JVM's own --add-opens, which `hadoop` on JDK 17 needs alike (HADOOP_OPTS)
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.startsWith("--add-opens=")).toList());
    command.addAll(List.of("-cp", confDir + File.pathSeparator + clusterClasspath(),
        "org.apache.hadoop.util.RunJar", jobsJar().toString()));
    command.addAll(Arrays.asList(args));
    Path log = dir.resolve(args[0] + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("RECO_DEBUG", "1"); // a failure's stack trace, for this test's message
    Process process = builder.start();
    if (!process.waitFor(STEP_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(args[0] + " did not finish in " + STEP_TIMEOUT + ":\n" + tail(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output); // kept in the failsafe report's output file
    assertEquals(0, process.exitValue(), "hadoop jar reco-jobs.jar " + String.join(" ", args) + ":\n" + tail(log));
    return output;
  }

  /** What a cluster's {@code hadoop classpath} and {@code hbase mapredcp} give, as this module's build wrote it. */
  private static String clusterClasspath() throws IOException {
    return Files.readString(Path.of("target", "cluster.classpath")).trim();
  }

  private static Path jobsJar() throws IOException {
    try (Stream<Path> jars = Files.list(JOBS_TARGET)) {
      return jars.filter(p -> p.getFileName().toString().matches("reco-jobs-.*\\.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("no jobs jar in " + JOBS_TARGET + ": run mvn package first"));
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
