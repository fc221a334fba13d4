import { serviceOfMetric } from "./name";

export interface DeployWindowInput {
  id: number;
  service: string;
  environment: string;
  version: string;
  kind: string;
  status: string;
  startedAt: number;
}

export interface NewMetric {
  name: string;
  kind: string;
  unit: string | null;
  firstSeen: number;
}

export interface DeployAppearances<D extends DeployWindowInput = DeployWindowInput> {
  deployment: D;
  /** The next deploy of the same service, which closes this one's window; null for the latest. */
  until: number | null;
  metrics: NewMetric[];
}

/**
 * The "I added it and it showed up" check: for each deploy, the service's metrics (named
 * `<service>.…`) first seen between that deploy's start and the next deploy of the same service.
 * Deploys with nothing new are left out; the newest deploy comes first.
 */
export function firstAppearances<D extends DeployWindowInput>(deploys: D[], metrics: NewMetric[]): DeployAppearances<D>[] {
  const byService = new Map<string, D[]>();
  for (const d of deploys) byService.set(d.service, [...(byService.get(d.service) ?? []), d]);
  const metricsByService = new Map<string, NewMetric[]>();
  for (const m of metrics) {
    const service = serviceOfMetric(m.name);
    metricsByService.set(service, [...(metricsByService.get(service) ?? []), m]);
  }
  const out: DeployAppearances<D>[] = [];
  for (const [service, list] of byService) {
    const ordered = [...list].sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
    const candidates = metricsByService.get(service) ?? [];
    ordered.forEach((deployment, i) => {
      const until = ordered[i + 1]?.startedAt ?? null;
      const appeared = candidates
        .filter((m) => m.firstSeen >= deployment.startedAt && (until === null || m.firstSeen < until))
        .sort((a, b) => a.firstSeen - b.firstSeen || a.name.localeCompare(b.name));
      if (appeared.length > 0) out.push({ deployment, until, metrics: appeared });
    });
  }
  return out.sort((a, b) => b.deployment.startedAt - a.deployment.startedAt);
}
