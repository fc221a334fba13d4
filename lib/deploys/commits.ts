import "server-only";
import { commitUrl } from "@/lib/builds/commit-url";
import type { BuildRow, DeploymentRow, Store } from "@/lib/store/types";

/** Commits listed per deploy at most. */
const LIMIT = 500;
const SUSPECT_VERDICTS = new Set(["failed", "degraded"]);

export interface DeployCommit {
  version: string;
  sha: string;
  message: string;
  author: string | null;
  at: number | null;
  url: string | null;
}

export interface DeployCommits {
  /** The version that was live before (the deploy's previous version). */
  fromVersion: string | null;
  /** `added`: the commits this deploy brought; `removed`: those a rollback (or a deploy of an older build) took out. */
  direction: "added" | "removed";
  commits: DeployCommit[];
  /** The verdict failed or degraded: these commits are the suspects. */
  suspects: boolean;
  /** Why there is no list, when there is none. */
  missing?: string;
}

const order = (b: BuildRow) => ({ createdAt: b.createdAt, id: b.id });
const newer = (a: BuildRow, b: BuildRow) => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);

/**
 * The commits between the version live before a deploy and the one it deployed: those of every
 * build of the service after the previous version's build, up to this one's — each build
 * carries the commits since the build before it, as `deploylines build --git` records them.
 */
export async function deployCommits(store: Store, row: DeploymentRow): Promise<DeployCommits> {
  const [build, previous, service] = await Promise.all([
    store.getBuild(row.service, row.version),
    row.previousVersion ? store.getBuild(row.service, row.previousVersion) : undefined,
    store.getService(row.service),
  ]);
  const base = { fromVersion: row.previousVersion, suspects: SUSPECT_VERDICTS.has(row.verdictStatus) };
  if (!build) return { ...base, direction: "added", commits: [], missing: `no build of ${row.version} recorded` };
  if (row.previousVersion && !previous) return { ...base, direction: "added", commits: [], missing: `no build of the previous version ${row.previousVersion} recorded` };
  const removed = previous !== undefined && newer(previous, build);
  const rows = removed
    ? await store.commitsBetween(row.service, order(build), order(previous), LIMIT)
    : await store.commitsBetween(row.service, previous ? order(previous) : null, order(build), LIMIT);
  const template = service?.commitUrlTemplate ?? null;
  return { ...base, direction: removed ? "removed" : "added", commits: rows.map((c) => ({ ...c, url: template ? commitUrl(template, c.sha) : null })) };
}
