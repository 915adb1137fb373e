package io.reco.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units the roles write (the service, the Flume agent, the seal service and timer), rendered by
 * Ansible's template module from each role's defaults and checked by {@code systemd-analyze verify}; and the seal
 * script the timer runs, run over stand-ins of {@code hadoop} and {@code hbase}.
 */
class UnitFilesTest {
  @TempDir
  Path dir;

  @Test
  void theServicesUnitIsValid() throws Exception {
    executable(dir.resolve("serving/current/bin/reco-serving"));
    Path unit = render("reco_service", "reco-serving.service", Map.of("reco_service_prefix",
        dir.resolve("serving").toString(), "reco_service_user", Hosts.user(), "reco_service_group", Hosts.group()));
    assertValid(unit);
    assertTrue(Files.readString(unit).contains("ExecStart=" + dir.resolve("serving/current/bin/reco-serving")
        + " run\n"));
  }

  @Test
  void theFlumeAgentsUnitIsValid() throws Exception {
    executable(dir.resolve("flume/bin/flume-ng"));
    assertValid(render("flume_agent", "flume-agent.service", Map.of("flume_agent_home",
        dir.resolve("flume").toString(), "flume_agent_user", Hosts.user(), "flume_agent_group", Hosts.group())));
  }

  @Test
  void theSealServiceAndItsTimerAreValid() throws Exception {
    executable(dir.resolve("jobs/reco-seal"));
    Map<String, Object> vars = Map.of("flume_agent_jobs_dir", dir.resolve("jobs").toString(), "flume_agent_user",
        Hosts.user(), "flume_agent_group", Hosts.group());
    Path service = render("flume_agent", "reco-seal.service", vars);
    Path timer = render("flume_agent", "reco-seal.timer", vars);
    assertValid(service, timer);
  }

  @Test
  void theSealScriptSealsTheLastDaysWithHbasesClassPath() throws Exception {
    Path calls = dir.resolve("calls.txt");
    Path hadoop = dir.resolve("bin/hadoop");
    executable(hadoop);
    Files.writeString(hadoop, "#!/bin/sh\necho \"$HADOOP_CLASSPATH | $*\" >> " + calls + "\n");
    Path hbase = dir.resolve("bin/hbase");
    executable(hbase);
    Files.writeString(hbase, "#!/bin/sh\necho 'a log line'\necho /hbase/lib/client.jar\n");
    Path script = render("flume_agent", "reco-seal", Map.of("flume_agent_jobs_dir", "/opt/reco/jobs",
        "flume_agent_hadoop_command", hadoop.toString(), "flume_agent_hbase_command", hbase.toString(),
        "flume_agent_raw_root", "hdfs://nn:8020/data/reco/raw", "flume_agent_jobs_jar_src", "/x/reco-jobs-1.0.jar"));
    Ansible.Run run = Ansible.run(List.of("bash", script.toString()), Map.of("HADOOP_CLASSPATH", "/etc/hbase/conf"),
        60);
    assertEquals(0, run.exitCode(), run.report());
    List<String> expected = new java.util.ArrayList<>();
    for (int back = 1; back <= 3; back++) {
      expected.add("/hbase/lib/client.jar:/etc/hbase/conf | jar /opt/reco/jobs/reco-jobs-1.0.jar seal --raw"
          + " hdfs://nn:8020/data/reco/raw --source clickstream --date "
          + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(back) + " --flume");
    }
    assertEquals(expected, Files.readAllLines(calls));
  }

  /** Renders {@code roles/<role>/templates/<name>.j2} with the role's defaults and {@code vars} over them. */
  private Path render(String role, String name, Map<String, Object> vars) throws Exception {
    Path out = Files.createDirectories(dir.resolve("units")).resolve(name);
    Path roleDir = Ansible.HOME.resolve("roles").resolve(role);
    Ansible.Run run = Ansible.run(List.of(Ansible.require("ansible").toString(), "localhost", "-i", "localhost,",
        "-c", "local", "-m", "ansible.builtin.template", "-a", "src=" + roleDir.resolve("templates/" + name + ".j2")
        + " dest=" + out, "-e", "@" + roleDir.resolve("defaults/main.yml"), "-e", "@" + Hosts.extraVars(dir, vars)),
        Map.of(), 120);
    assertEquals(0, run.exitCode(), run.report());
    return out;
  }

  private static void assertValid(Path... units) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(Ansible.require("systemd-analyze").toString(),
        "verify"));
    for (Path unit : units) {
      command.add(unit.toString());
    }
    Ansible.Run run = Ansible.run(command, Map.of(), 60);
    assertEquals(0, run.exitCode(), run.report());
    assertEquals("", run.output().strip(), run.report());
  }

  private static void executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
