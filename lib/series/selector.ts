import { RE2JS } from "re2js";
import { MAX_GLOB_LENGTH } from "@/lib/metrics/glob";
import type { Labels } from "./labels";

/**
 * Series selectors: a metric name or Graphite glob, optionally followed by PromQL-style label
 * matchers — `http_server_duration{route="/login",status=~"5.."}`. Regexes are RE2 (as in
 * Prometheus), anchored at both ends and matched in linear time, so no selector can backtrack.
 */
export type MatchOp = "=" | "!=" | "=~" | "!~";

export interface LabelMatcher {
  label: string;
  op: MatchOp;
  value: string;
  /** True when a series' value of the label (`""` when it has none, as in Prometheus) matches. */
  test(value: string): boolean;
}

export interface Selector {
  /** The name part: a plain name or a glob per dotted segment. */
  name: string;
  matchers: LabelMatcher[];
}

export const MAX_MATCHERS = 16;
export const MAX_REGEX_LENGTH = 256;

/** A selector that cannot be read; the message says what and where (a character offset). */
export class SelectorError extends Error {}

/** Parses `name{label op "value", …}`; a bare name or glob is a selector without matchers. */
export function parseSelector(text: string): Selector {
  if (text.length > MAX_GLOB_LENGTH) throw new SelectorError(`selector is ${text.length} characters long; at most ${MAX_GLOB_LENGTH} are accepted`);
  // A Graphite glob has braces of its own (`web.{a,b}.requests`): label matchers start at the first
  // `{` followed by `}` or a label name and an operator.
  const brace = text.search(/\{\s*(\}|[A-Za-z_][A-Za-z0-9_]*\s*(=|!=|!~))/);
  if (brace === -1) return { name: text.trim(), matchers: [] };
  const name = text.slice(0, brace).trim();
  if (name === "") throw new SelectorError("a selector needs a metric name (or glob) before {");
  if (!text.trimEnd().endsWith("}")) throw new SelectorError("label matchers must end with }");
  return { name, matchers: parseMatchers(text, brace + 1) };
}

/** True when the series' labels satisfy every matcher. */
export function matchesLabels(selector: Selector, labels: Labels): boolean {
  return selector.matchers.every((m) => m.test(labels[m.label] ?? ""));
}

function parseMatchers(text: string, start: number): LabelMatcher[] {
  const matchers: LabelMatcher[] = [];
  let i = start;
  const skipSpace = () => {
    while (text[i] === " " || text[i] === "\t") i++;
  };
  for (;;) {
    skipSpace();
    if (text[i] === "}") break;
    const label = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 129))?.[0];
    if (!label) throw new SelectorError(`expected a label name at character ${i + 1}`);
    i += label.length;
    skipSpace();
    const op = (["=~", "!~", "!=", "="] as const).find((o) => text.startsWith(o, i));
    if (!op) throw new SelectorError(`expected =, !=, =~ or !~ after "${label}" at character ${i + 1}`);
    i += op.length;
    skipSpace();
    const quote = text[i];
    if (quote !== '"' && quote !== "'") throw new SelectorError(`expected a quoted value for "${label}" at character ${i + 1}`);
    let value = "";
    for (i++; i < text.length && text[i] !== quote; i++) {
      if (text[i] === "\\" && i + 1 < text.length) {
        i++;
        value += text[i] === "n" ? "\n" : text[i];
      } else value += text[i];
    }
    if (text[i] !== quote) throw new SelectorError(`unterminated value for "${label}"`);
    i++;
    matchers.push(matcher(label, op, value));
    if (matchers.length > MAX_MATCHERS) throw new SelectorError(`at most ${MAX_MATCHERS} label matchers are accepted`);
    skipSpace();
    if (text[i] === ",") i++;
    else if (text[i] !== "}") throw new SelectorError(`expected , or } at character ${i + 1}`);
  }
  if (text.slice(i + 1).trim() !== "") throw new SelectorError(`unexpected text after } at character ${i + 2}`);
  return matchers;
}

function matcher(label: string, op: MatchOp, value: string): LabelMatcher {
  if (op === "=") return { label, op, value, test: (v) => v === value };
  if (op === "!=") return { label, op, value, test: (v) => v !== value };
  if (value.length > MAX_REGEX_LENGTH) throw new SelectorError(`the regex for "${label}" is longer than ${MAX_REGEX_LENGTH} characters`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(`^(?:${value})$`);
  } catch (error) {
    throw new SelectorError(`bad regex for "${label}": ${(error as Error).message}`);
  }
  const positive = op === "=~";
  return { label, op, value, test: (v) => re.matches(v) === positive };
}
