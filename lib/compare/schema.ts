import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";

const deployRef = (side: string) =>
  z
    .string({ error: `${side} is required: a version or a deployment id` })
    .trim()
    .min(1, `${side} is required: a version or a deployment id`)
    .max(100, `${side} must be at most 100 characters`);

export const compareQuerySchema = z.object({
  service: nameSchema,
  a: deployRef("a"),
  b: deployRef("b"),
  /** Where to look versions up; default the last (production-most) environment. */
  environment: nameSchema.optional(),
  windowMinutes: z.coerce
    .number({ error: "windowMinutes must be a number of minutes" })
    .int("windowMinutes must be a whole number")
    .min(5, "windowMinutes must be at least 5")
    .max(1440, "windowMinutes must be at most 1440 (a day)")
    .default(60),
});

export type CompareQuery = z.infer<typeof compareQuerySchema>;
