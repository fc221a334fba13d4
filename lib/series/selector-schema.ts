import { z } from "zod";
import { compileGlob, GlobError, isGlob, MAX_GLOB_LENGTH } from "@/lib/metrics/glob";
import { METRIC_NAME } from "@/lib/metrics/name";
import { parseSelector, SelectorError } from "./selector";

/**
 * A series selector in a request body or a rule: a metric name, optionally with label matchers
 * (`http_server_duration{route="/oauth/token"}`); with `globs`, a glob per dotted segment too.
 */
export function selectorSchema(options: { globs: boolean } = { globs: false }) {
  return z
    .string()
    .min(1, "a metric name or selector is required")
    .max(MAX_GLOB_LENGTH, `selector is longer than ${MAX_GLOB_LENGTH} characters`)
    .superRefine((text, ctx) => {
      try {
        const { name } = parseSelector(text);
        if (options.globs && isGlob(name)) compileGlob(name);
        else if (!METRIC_NAME.test(name)) ctx.addIssue({ code: "custom", message: `"${name.slice(0, 80)}" is not a metric name (dotted segments of letters, digits, _ - : @)` });
      } catch (error) {
        if (error instanceof SelectorError || error instanceof GlobError) ctx.addIssue({ code: "custom", message: error.message });
        else throw error;
      }
    });
}
