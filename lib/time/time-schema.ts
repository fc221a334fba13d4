import { z } from "zod";
import { parseTime } from "./parse-time";

/** A zod field for a point in time in any format the API accepts; yields epoch ms. */
export const timeSchema = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const ms = parseTime(raw);
  if (ms === null) {
    ctx.addIssue({ code: "custom", message: `"${raw}" is not a time: use epoch ms, ISO-8601, now, or relative like -6h, between 1970 and 2286` });
    return z.NEVER;
  }
  return ms;
});
