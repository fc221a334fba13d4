/**
 * How many event-loop turns pass before `work` settles, and how it settled: none when it ran on
 * this thread (a worker's answer arrives in a later turn).
 */
export async function turnsWhile<T>(work: () => Promise<T>): Promise<{ turns: number; result: PromiseSettledResult<T> }> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  const running = work();
  setImmediate(tick);
  const [result] = await Promise.allSettled([running]);
  done = true;
  return { turns, result };
}
