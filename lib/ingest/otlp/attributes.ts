import { sanitizeLabelName, type Labels } from "@/lib/series/labels";
import { int64ToNumber } from "./int64";
import { has, type OtlpAnyValue, type OtlpKeyValue } from "./message";

// Deeper arrays/kvlists are cut short: a label value holds at most 1024 characters anyway.
const MAX_VALUE_DEPTH = 8;

/**
 * An attribute value as label text: strings as they are, ints as their exact decimal text,
 * doubles and bools through `String`, bytes as base64 (OTLP/JSON's form), arrays and kvlists
 * as JSON (`["a",1]`, `{"k":"v"}`); an empty value is "".
 */
export function attributeText(value: OtlpAnyValue | null): string {
  if (!value) return "";
  if (has(value, "stringValue")) return value.stringValue;
  if (has(value, "intValue")) return String(value.intValue);
  const plain = plainValue(value, 0);
  if (plain === null) return "";
  return typeof plain === "object" ? JSON.stringify(plain) : String(plain);
}

function plainValue(value: OtlpAnyValue, depth: number): unknown {
  if (has(value, "stringValue")) return value.stringValue;
  if (has(value, "boolValue")) return value.boolValue;
  if (has(value, "intValue")) {
    const n = int64ToNumber(value.intValue);
    return Number.isSafeInteger(n) ? n : String(value.intValue);
  }
  if (has(value, "doubleValue")) return value.doubleValue;
  if (has(value, "bytesValue")) return Buffer.from(value.bytesValue).toString("base64");
  if (depth >= MAX_VALUE_DEPTH) return "…";
  if (value.arrayValue) return value.arrayValue.values.map((v) => plainValue(v, depth + 1));
  if (value.kvlistValue) {
    const out: Record<string, unknown> = {};
    for (const kv of value.kvlistValue.values) out[kv.key] = kv.value ? plainValue(kv.value, depth + 1) : null;
    return out;
  }
  return null;
}

/** Who a resource is: the labels it gives every point, and the running version it reports. */
export interface ResourceIdentity {
  labels: Labels;
  service?: string;
  environment?: string;
  version?: string;
}

/**
 * Reads the resource attributes that say which service this is. `service.name` → label
 * `service`; `deployment.environment.name` (or the older `deployment.environment`) → label
 * `environment`; `service.instance.id` → label `instance`. `service.version` is not a label —
 * a version label would start a new series at every deploy — but is returned as the running
 * version. Every other resource attribute (host, process, SDK details) is dropped: they would
 * multiply series without saying anything a deploy line needs.
 */
export function resourceIdentity(attributes: OtlpKeyValue[]): ResourceIdentity {
  const attr = new Map(attributes.map(({ key, value }) => [key, attributeText(value)]));
  const service = attr.get("service.name") || undefined;
  const environment = attr.get("deployment.environment.name") || attr.get("deployment.environment") || undefined;
  const instance = attr.get("service.instance.id") || undefined;
  const labels: Labels = {};
  if (service) labels.service = service;
  if (environment) labels.environment = environment;
  if (instance) labels.instance = instance;
  return { labels, service, environment, version: attr.get("service.version") || undefined };
}

/**
 * A data point's attributes as labels: keys through `sanitizeLabelName` (`http.route` →
 * `http_route`), values through `attributeText`. Keys that sanitise to the same name have their
 * values joined with `;`, as Prometheus' OTLP translation does; empty values are left out (an
 * empty label is no label). The resource's labels are added last and win a clash, so a point
 * attribute cannot move a point to another service.
 */
export function pointLabels(attributes: OtlpKeyValue[], resourceLabels: Labels): Labels {
  const labels: Labels = {};
  for (const { key, value } of attributes) {
    const text = attributeText(value);
    if (!key || text === "") continue;
    const name = sanitizeLabelName(key);
    labels[name] = Object.hasOwn(labels, name) ? `${labels[name]};${text}` : text;
  }
  return Object.assign(labels, resourceLabels);
}
