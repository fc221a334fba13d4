import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packAndInstallCli, type InstalledCli } from "@/lib/testing/installed-cli";
import { freePort, startTestServer, type TestServer } from "@/lib/testing/server";

const NAGIOS = "/usr/sbin/nagios4";
const README_BIN = "/usr/local/bin/deploylines";
const README_URL = "http://deploylines:3000";

/** The object definitions of README's Nagios section, exactly as users copy them. */
function readmeDefinitions(): string {
  const readme = fs.readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("\n## Nagios"));
  const block = /```cfg\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error("README's Nagios section has no ```cfg block");
  return block[1];
}

/** What the README leaves to the site: the host, the template and a time period, checking every second. */
const SITE_OBJECTS = `
define timeperiod {
    timeperiod_name 24x7
    alias           always
    sunday 00:00-24:00
    monday 00:00-24:00
    tuesday 00:00-24:00
    wednesday 00:00-24:00
    thursday 00:00-24:00
    friday 00:00-24:00
    saturday 00:00-24:00
}
define contact {
    contact_name                  nobody
    host_notifications_enabled    0
    service_notifications_enabled 0
    host_notification_period      24x7
    service_notification_period   24x7
    host_notification_options     n
    service_notification_options  n
    host_notification_commands    notify_nobody
    service_notification_commands notify_nobody
}
define command {
    command_name notify_nobody
    command_line /bin/true
}
define host {
    host_name          deploylines
    address            127.0.0.1
    max_check_attempts 1
    check_period       24x7
    contacts           nobody
    notification_interval 0
    notification_period   24x7
}
define service {
    name                  generic-service
    register              0
    check_interval        1
    retry_interval        1
    max_check_attempts    1
    check_period          24x7
    active_checks_enabled 1
    notifications_enabled 0
    contacts              nobody
    notification_interval 0
    notification_period   24x7
}
`;

/** A server that is not there, through the README's own metric command: the UNKNOWN of an outage. */
const outage = (deadUrl: string, bin: string) => `
define command {
    command_name check_deploylines_metric_outage
    command_line ${readmeDefinitions().match(/command_line\s+(.*--metric.*)/)![1].replace(README_BIN, bin).replace(README_URL, deadUrl)}
}
define service {
    use                 generic-service
    host_name           deploylines
    service_description auth latency p95 (server down)
    check_command       check_deploylines_metric_outage!auth.api.latency.p95!avg!5m!250!500
}
`;

function nagiosConfig(dir: string, user: string, group: string): string {
  return [
    `log_file=${dir}/nagios.log`,
    `cfg_file=${dir}/site.cfg`,
    `cfg_file=${dir}/deploylines.cfg`,
    `object_cache_file=${dir}/objects.cache`,
    `precached_object_file=${dir}/objects.precache`,
    `status_file=${dir}/status.dat`,
    "status_update_interval=1",
    `nagios_user=${user}`,
    `nagios_group=${group}`,
    "check_external_commands=0",
    `command_file=${dir}/nagios.cmd`,
    `query_socket=${dir}/nagios.qh`,
    `lock_file=${dir}/nagios.lock`,
    `temp_file=${dir}/nagios.tmp`,
    `temp_path=${dir}/tmp`,
    `check_result_path=${dir}/checkresults`,
    `state_retention_file=${dir}/retention.dat`,
    "retain_state_information=0",
    "interval_length=1",
    "max_service_check_spread=1",
    "max_host_check_spread=1",
    "service_inter_check_delay_method=n",
    "host_inter_check_delay_method=n",
    "check_result_reaper_frequency=1",
    "enable_notifications=0",
    "execute_host_checks=0",
    "use_syslog=0",
    "log_rotation_method=n",
    "service_check_timeout=30",
    "",
  ].join("\n");
}

interface ServiceStatus {
  description: string;
  state: number;
  checked: boolean;
  output: string;
}

/** The servicestatus blocks of Nagios' status file. */
function readServiceStates(statusFile: string): ServiceStatus[] {
  if (!fs.existsSync(statusFile)) return [];
  const text = fs.readFileSync(statusFile, "utf8");
  return [...text.matchAll(/servicestatus \{\n([\s\S]*?)\n\s*\}/g)].map(([, body]) => {
    const field = (name: string) => new RegExp(`^\\s*${name}=(.*)$`, "m").exec(body)?.[1] ?? "";
    return { description: field("service_description"), state: Number(field("current_state")), checked: field("has_been_checked") === "1", output: field("plugin_output") };
  });
}

let server: TestServer;
let installed: InstalledCli;
let nagios: ChildProcess | undefined;
let dir: string;
let nagiosLog = "";

beforeAll(async () => {
  if (!fs.existsSync(NAGIOS)) throw new Error(`${NAGIOS} is missing: install Debian's Nagios 4 (apt-get install nagios4-core; .ci/run does)`);
  [server, installed] = await Promise.all([startTestServer(), packAndInstallCli()]);
}, 240_000);

afterAll(async () => {
  if (nagios && nagios.exitCode === null) {
    const exited = new Promise((resolve) => nagios!.once("exit", resolve));
    nagios.kill("SIGTERM");
    await exited;
  }
  await server?.stop();
  if (installed) fs.rmSync(installed.dir, { recursive: true, force: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("README's Nagios definitions under Debian's Nagios 4", () => {
  it("reach OK, WARNING, CRITICAL and UNKNOWN, each on purpose", async () => {
    const now = Math.floor(Date.now() / 1000);
    // Known data: p95 182 ms (OK under 250), error rate 3 (WARNING between 1 and 5), a failed prod deploy (CRITICAL), no version reported and no dark-launch samples (UNKNOWN).
    const metrics = await server.api("/api/v1/metrics", { method: "POST", headers: { "content-type": "text/plain" }, body: `auth.api.latency.p95 182 ${now - 30}\nauth.api.errors.rate 3 ${now - 30}\n` });
    expect(metrics.status).toBe(202);
    const deploy = await server.api("/api/v1/deployments", { method: "POST", json: { service: "auth", environment: "prod", version: "9.9.9", status: "failed" } });
    expect(deploy.status).toBe(201);

    dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-nagios-"));
    fs.mkdirSync(path.join(dir, "tmp"));
    fs.mkdirSync(path.join(dir, "checkresults"));
    const definitions = readmeDefinitions().replaceAll(README_BIN, installed.bin).replaceAll(README_URL, server.url);
    fs.writeFileSync(path.join(dir, "deploylines.cfg"), definitions + outage(`http://127.0.0.1:${await freePort()}`, installed.bin));
    fs.writeFileSync(path.join(dir, "site.cfg"), SITE_OBJECTS);
    // As root, Nagios drops to nagios_user as Debian's service does; the checks then run as `nagios`.
    const asRoot = process.getuid?.() === 0;
    const [user, group] = asRoot ? ["nagios", "nagios"] : [os.userInfo().username, String(process.getgid?.())];
    fs.writeFileSync(path.join(dir, "nagios.cfg"), nagiosConfig(dir, user, group));
    if (asRoot) {
      const [uid, gid] = [Number(execFileSync("id", ["-u", "nagios"]).toString()), Number(execFileSync("id", ["-g", "nagios"]).toString())];
      for (const entry of ["", "tmp", "checkresults", "nagios.cfg", "site.cfg", "deploylines.cfg"]) fs.chownSync(path.join(dir, entry), uid, gid);
    }

    const verify = spawn(NAGIOS, ["-v", path.join(dir, "nagios.cfg")], { stdio: ["ignore", "pipe", "pipe"] });
    let verifyOutput = "";
    verify.stdout!.on("data", (c) => (verifyOutput += c));
    expect(await new Promise((resolve) => verify.on("exit", resolve)), verifyOutput).toBe(0);

    // A clean environment, as init gives the daemon: no HOME of root's, no DEPLOYLINES_* variables.
    const bare: Record<string, string> = { PATH: "/usr/local/bin:/usr/bin:/bin" };
    const daemon = spawn(NAGIOS, [path.join(dir, "nagios.cfg")], { cwd: "/", env: bare as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    nagios = daemon;
    daemon.stdout.on("data", (c) => (nagiosLog += c));
    daemon.stderr.on("data", (c) => (nagiosLog += c));

    const expected: Record<string, number> = { "auth latency p95": 0, "auth errors": 1, "auth prod deploy": 2, "auth prod drift": 3, "auth dark launch": 3, "auth latency p95 (server down)": 3 };
    const statusFile = path.join(dir, "status.dat");
    const deadline = Date.now() + 60_000;
    let states: ServiceStatus[] = [];
    while (Date.now() < deadline) {
      states = readServiceStates(statusFile);
      const done = Object.keys(expected).every((name) => states.find((s) => s.description === name)?.checked);
      if (done) break;
      if (daemon.exitCode !== null) throw new Error(`nagios exited (${daemon.exitCode}):\n${nagiosLog}\n${fs.existsSync(path.join(dir, "nagios.log")) ? fs.readFileSync(path.join(dir, "nagios.log"), "utf8") : ""}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(execFileSync("ps", ["-o", "user=", "-p", String(daemon.pid)]).toString().trim()).toBe(user);
    const byName = Object.fromEntries(states.map((s) => [s.description, s]));
    const context = JSON.stringify(states, null, 2);
    for (const [name, state] of Object.entries(expected)) {
      expect(byName[name]?.checked, `${name} was never checked: ${context}\n${nagiosLog}`).toBe(true);
      expect(byName[name].state, `${name}: ${byName[name].output}`).toBe(state);
      expect(byName[name].output).toMatch(/^DEPLOYLINES (OK|WARNING|CRITICAL|UNKNOWN) - /);
    }
    expect(byName["auth latency p95"].output).toMatch(/^DEPLOYLINES OK - auth.api.latency.p95 avg over 5m = 182/);
    expect(byName["auth latency p95 (server down)"].output).toMatch(/^DEPLOYLINES UNKNOWN - cannot reach deploylines/);
  }, 120_000);
});
