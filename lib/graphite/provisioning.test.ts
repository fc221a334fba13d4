import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "./evaluate";
import { parseTarget, type TargetNode } from "./target-parser";

// The drop-in files of docs/grafana must only ask for what deploylines serves.
const docs = path.join(import.meta.dirname, "../../docs/grafana");

const calls = (node: TargetNode): string[] => (node.type === "call" ? [node.name, ...node.args.flatMap(calls), ...Object.values(node.kwargs).flatMap(calls)] : []);

describe("docs/grafana provisioning", () => {
  it("the dashboard's panels use served functions on the provisioned data source, and its annotations Graphite event tags", () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(docs, "dashboards/deploys.json"), "utf8"));
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid).toBe("deploylines");
      for (const { target } of panel.targets) {
        const tree = parseTarget(target.replaceAll("$service", "auth"));
        for (const name of calls(tree)) expect(FUNCTIONS).toContain(name);
      }
    }
    for (const annotation of dashboard.annotations.list) expect(annotation.target).toMatchObject({ fromAnnotations: true, tags: expect.arrayContaining([expect.stringMatching(/^(deploy|rollback)$/)]) });
  });

  it("the data source file is a Graphite data source with uid deploylines", () => {
    const yaml = fs.readFileSync(path.join(docs, "provisioning/datasources/deploylines.yaml"), "utf8");
    expect(yaml).toMatch(/^\s+type: graphite$/m);
    expect(yaml).toMatch(/^\s+uid: deploylines$/m);
    expect(yaml).toMatch(/^\s+graphiteVersion: "1\.0"$/m);
  });
});
