import { badRequest } from "@/lib/http/api-error";
import { labelProblem, type Labels } from "@/lib/series/labels";

/** Most `extra_label` parameters one import takes. */
const MAX_EXTRA_LABELS = 16;

/**
 * Reads repeated `extra_label=name=value` query parameters (VictoriaMetrics' import convention)
 * into labels added to every imported sample; a malformed one is a 400 naming it.
 */
export function parseExtraLabels(values: string[]): Labels {
  if (values.length > MAX_EXTRA_LABELS) throw badRequest(`at most ${MAX_EXTRA_LABELS} extra_label parameters`, [{ where: "extra_label", message: `${values.length} given` }]);
  const labels: Labels = {};
  for (const value of values) {
    const eq = value.indexOf("=");
    if (eq <= 0) throw badRequest("extra_label must be name=value", [{ where: "extra_label", message: `"${value.slice(0, 80)}" has no name=value` }]);
    labels[value.slice(0, eq)] = value.slice(eq + 1);
  }
  const problem = labelProblem(labels);
  if (problem) throw badRequest("invalid extra_label", [{ where: "extra_label", message: problem }]);
  return labels;
}
