// The two jStat functions deploylines uses; the package ships no types.
declare module "jstat" {
  export const jStat: {
    studentt: { inv(p: number, dof: number): number };
    normal: { inv(p: number, mean: number, sd: number): number };
  };
}
