/** Grafana's `t←` / `t→`: the same span, moved back or forward by half of it. */
export function shiftRange(from: number, to: number, direction: -1 | 1): [number, number] {
  const step = Math.round((to - from) / 2) * direction;
  return [from + step, to + step];
}

/** Grafana's `t z` / ctrl+z: twice the span around the same centre, never ending after `now`. */
export function zoomOutRange(from: number, to: number, now: number): [number, number] {
  const span = to - from;
  let next: [number, number] = [from - Math.round(span / 2), to + Math.round(span / 2)];
  if (next[1] > now) next = [next[0] - (next[1] - now), now];
  return next;
}
