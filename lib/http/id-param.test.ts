import { describe, expect, it } from "vitest";
import { idParamSchema } from "./id-param";

describe("idParamSchema", () => {
  it("takes a positive integer id and refuses anything else", () => {
    expect(idParamSchema.parse("42")).toBe(42);
    for (const bad of ["0", "-1", "1.5", "1e3", "0x10", " 7", "", "abc", "99999999999999999999"]) expect(idParamSchema.safeParse(bad).success).toBe(false);
  });
});
