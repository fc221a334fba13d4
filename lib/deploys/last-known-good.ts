import { passed, type JudgedDeploy } from "./passed";

export interface HistoryDeploy extends JudgedDeploy {
  id: number;
  environment: string;
  version: string;
  startedAt: number;
}

/**
 * The last known good deploy of an environment: the latest there that passed. With `before`,
 * only deploys that started earlier (or at the same time with a lower id) count, and a deploy
 * of `before`'s own version is skipped, since returning to it would undo nothing.
 */
export function lastKnownGood<D extends HistoryDeploy>(history: readonly D[], environment: string, before?: HistoryDeploy): D | undefined {
  return [...history]
    .filter((d) => d.environment === environment && passed(d))
    .filter((d) => !before || ((d.startedAt < before.startedAt || (d.startedAt === before.startedAt && d.id < before.id)) && d.version !== before.version))
    .sort(newestFirst)[0];
}

/** Orders deploys newest first: by start, then by id for deploys that started together. */
export function newestFirst(a: { startedAt: number; id: number }, b: { startedAt: number; id: number }): number {
  return b.startedAt - a.startedAt || b.id - a.id;
}

/** Where to roll a deploy back to: an earlier deploy of another version that went well. */
export interface RollbackTarget {
  deploymentId: number;
  version: string;
  startedAt: number;
}
