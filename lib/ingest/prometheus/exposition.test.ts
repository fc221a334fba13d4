import { describe, expect, it } from "vitest";
import { MAX_POINTS_PER_REQUEST } from "@/lib/ingest/schema";
import { parseExposition } from "./exposition";

const NOW = 1_700_000_000_000;
const parse = (text: string) => parseExposition(text, { now: NOW });

describe("parseExposition", () => {
  it("unescapes label values and keeps spaces, braces and # inside them", () => {
    const { batch, problems } = parse(String.raw`paths{dir="C:\\temp",quote="say \"hi\"",lines="a\nb",odd="{x} # y, z"} 1` + "\n");
    expect(problems).toEqual([]);
    expect(batch.series[0].labels).toEqual({ dir: "C:\\temp", quote: 'say "hi"', lines: "a\nb", odd: "{x} # y, z" });
  });

  it("reads 0.0.4 timestamps as epoch ms, tabs and a trailing comma included", () => {
    const { batch, problems } = parse("# TYPE jobs_total counter\njobs_total{a=\"b\",} 12 1700000000123\r\njobs_total\t{a=\"c\"}\t4\n");
    expect(problems).toEqual([]);
    expect(batch.series).toEqual([
      { metric: "jobs_total", kind: "cumulative", labels: { a: "b" }, points: [[1_700_000_000_123, 12]] },
      { metric: "jobs_total", kind: "cumulative", labels: { a: "c" }, points: [[NOW, 4]] },
    ]);
  });

  it("reads OpenMetrics timestamps as epoch seconds, ignoring _created samples and exemplars", () => {
    const text = [
      "# TYPE jobs counter",
      "# UNIT request_seconds seconds",
      "# TYPE request_seconds histogram",
      "jobs_total 5 1700000000.25",
      "jobs_created 1699990000",
      'request_seconds_bucket{le="0.5"} 3 1700000000 # {trace_id="abc"} 0.2 1699999999.9',
      'request_seconds_bucket{le="+Inf"} 4 1700000000',
      "request_seconds_created 1699990000",
      "# EOF",
      "",
    ].join("\n");
    const { batch, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(batch.series).toEqual([
      { metric: "jobs_total", kind: "cumulative", points: [[1_700_000_000_250, 5]] },
      { metric: "request_seconds_bucket", kind: "histogram", unit: "seconds", labels: { le: "0.5" }, points: [[1_700_000_000_000, 3]] },
      { metric: "request_seconds_bucket", kind: "histogram", unit: "seconds", labels: { le: "+Inf" }, points: [[1_700_000_000_000, 4]] },
    ]);
  });

  it("skips NaN and ±Inf values but reads le=\"+Inf\" buckets", () => {
    const text = '# TYPE t histogram\nt_bucket{le="+Inf"} 2\nt_sum NaN\nt_count +Inf\ntemp -Inf\ntemp 3\n';
    const { batch, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(batch.series.map((s) => [s.metric, s.points])).toEqual([
      ["t_bucket", [[NOW, 2]]],
      ["temp", [[NOW, 3]]],
    ]);
  });

  it("groups repeated samples of one series, and untyped samples are gauges", () => {
    const { batch } = parse('x{b="2",a="1"} 1 1000\nx{a="1",b="2"} 2 2000\nx{a=""} 3 3000\nx 4 4000\n');
    expect(batch.series).toEqual([
      { metric: "x", kind: "gauge", labels: { a: "1", b: "2" }, points: [[1000, 1], [2000, 2]] },
      { metric: "x", kind: "gauge", points: [[3000, 3], [4000, 4]] },
    ]);
  });

  it("reports every bad line by its number", () => {
    const text = [
      "# HELP ok fine",
      "ok 1",
      'broken{a="b" 1',
      "no_value",
      "bad_value abc",
      'esc{a="\\t"} 1',
      "# TYPE weird sometimes",
      'twice{a="1",a="2"} 1',
      "# TYPE h histogram",
      "h_bucket 1",
      "late 1 1.5",
      '__bad{__x="1"} 1',
      "1starts_with_digit 2",
    ].join("\n");
    const { problems } = parse(text);
    expect(problems.map((p) => p.where)).toEqual(["line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 10", "line 11", "line 12", "line 13"]);
    expect(problems[0].message).toMatch(/expected , or }/);
    expect(problems[3].message).toMatch(/unknown escape \\t/);
    expect(problems[6].message).toMatch(/no le label/);
    expect(problems[7].message).toMatch(/epoch milliseconds/);
    expect(problems[8].message).toMatch(/reserved/);
  });

  it("refuses content after # EOF and a second TYPE line", () => {
    const { problems } = parse("# TYPE a gauge\n# TYPE a counter\na 1\n# EOF\nb 2\n");
    expect(problems).toEqual([
      { where: "line 2", message: "a second # TYPE line for a" },
      { where: "line 5", message: "content after # EOF" },
    ]);
  });

  it("finds running versions in OpenMetrics info metrics and OTel's target_info", () => {
    const text = [
      "# TYPE app_build info",
      'app_build_info{version="2.0.1",service_name="checkout",env="prod"} 1 1700000000',
      'target_info{job="shop/cart",service_version="9.9",deployment_environment="staging"} 1 1700000001',
      'other_build_info{version="1"} 1 1700000002',
      "# EOF",
    ].join("\n");
    const { batch, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(batch.versions).toEqual([
      { service: "checkout", environment: "prod", version: "2.0.1", ts: 1_700_000_000_000 },
      { service: "shop/cart", environment: "staging", version: "9.9", ts: 1_700_000_001_000 },
    ]);
  });

  it("lets a scrape's target labels win with honorLabels false, keeping clashing ones as exported_<name>", () => {
    const text = 'req_total{job="batch",instance="a",exported_job="x",route="/"} 1\n';
    const target = { job: "auth", instance: "10.0.0.1:9100", service: "auth" };
    const honoured = parseExposition(text, { now: NOW, extraLabels: target });
    expect(honoured.batch.series[0].labels).toEqual({ job: "batch", instance: "a", exported_job: "x", route: "/", service: "auth" });
    const scraped = parseExposition(text, { now: NOW, extraLabels: target, honorLabels: false });
    expect(scraped.batch.series[0].labels).toEqual({ ...target, exported_exported_job: "batch", exported_job: "x", exported_instance: "a", route: "/" });
  });

  it("refuses a body past the sample bound", () => {
    expect(() => parse("x 1\n".repeat(MAX_POINTS_PER_REQUEST + 1))).toThrow(/too many samples/);
  });
});
