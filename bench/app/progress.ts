/** Reports how far a long step has got, in the unit it counts. */
export type Progress = (done: number) => void;

/** A progress reporter printing `label done/total` at most every ~10 % of the way (one line each, so logs stay readable). */
export function progressLine(label: string, total: number): Progress {
  let shown = 0;
  return (done) => {
    if (done < total && done - shown < total / 10) return;
    shown = done;
    console.log(`  ${label}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")}`);
  };
}

/** A step heading. */
export function step(store: string, what: string): void {
  console.log(`[${store}] ${what}…`);
}
