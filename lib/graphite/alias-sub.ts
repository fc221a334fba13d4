import { badRequest } from "@/lib/http/api-error";
import { backtrackingRisk } from "./regex-risk";
import type { GraphiteSeries } from "./series";

const MAX_PATTERN = 200;

/**
 * aliasSub(seriesList, search, replace): each name through Python's `re.sub(search, replace, name)`
 * (graphite-web render/functions.py). Grafana wraps every target in
 * `aliasSub(<target>, "(^.*$)", "\1 <refId>")` to find its queries' series again, so this must work.
 * The pattern is user input run on V8's backtracking engine, on the event loop: bounded in length
 * and served only when it is on `backtrackingRisk`'s allow-list.
 */
export function aliasSub(list: GraphiteSeries[], search: string, replace: string): GraphiteSeries[] {
  if (search.length > MAX_PATTERN) throw badRequest(`aliasSub: the pattern is longer than ${MAX_PATTERN} characters`);
  const risk = backtrackingRisk(search);
  if (risk) throw badRequest(`aliasSub: ${risk}`);
  let regex: RegExp;
  try {
    regex = new RegExp(search.replace(/\(\?P</g, "(?<"), "g");
  } catch (error) {
    throw badRequest(`aliasSub: "${search}" is not a valid regular expression: ${(error as Error).message}`);
  }
  const expand = pythonReplacement(replace);
  return list.map((s) => ({ ...s, name: s.name.replace(regex, (...match) => expand(match)) }));
}

/** Python's re.sub template (`\1`, `\g<1>`, `\g<name>`, `\\`) as a function of a JS match. */
function pythonReplacement(template: string): (match: unknown[]) => string {
  const parts: (string | number | { name: string })[] = [];
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== "\\" || i + 1 >= template.length) {
      parts.push(c);
      continue;
    }
    const rest = template.slice(i + 1);
    const group = /^(\d{1,2})/.exec(rest) ?? /^g<(\d+)>/.exec(rest);
    const named = /^g<([A-Za-z_]\w*)>/.exec(rest);
    if (group) {
      parts.push(Number(group[1]));
      i += group[0].length;
    } else if (named) {
      parts.push({ name: named[1] });
      i += named[0].length;
    } else {
      parts.push(({ n: "\n", t: "\t", "\\": "\\" } as Record<string, string>)[rest[0]] ?? `\\${rest[0]}`);
      i += 1;
    }
  }
  return (match) => {
    const groups = match.at(-1);
    const named = typeof groups === "object" && groups !== null ? (groups as Record<string, string | undefined>) : {};
    return parts.map((p) => (typeof p === "string" ? p : typeof p === "number" ? String(match[p] ?? "") : (named[p.name] ?? ""))).join("");
  };
}
