import { z } from "zod";

/** A row id in a route segment (`/deployments/{id}`): digits only, a positive safe integer. */
export const idParamSchema = z
  .string()
  .regex(/^[0-9]+$/, "must be a positive integer")
  .transform(Number)
  .refine((id) => Number.isSafeInteger(id) && id > 0, "must be a positive integer");
