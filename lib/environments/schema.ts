import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";

/** The promotion order, lowest first, e.g. `{"environments":["test","staging","prod"]}`. */
export const environmentOrderSchema = z.object({
  environments: z
    .array(nameSchema)
    .min(1, "name at least one environment")
    .max(50)
    .refine((names) => new Set(names).size === names.length, "each environment may appear once"),
});

export type EnvironmentOrder = z.infer<typeof environmentOrderSchema>;
