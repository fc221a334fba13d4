import { DataTable } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import type { ScrapeStatus } from "@/lib/ingest/scrape/scrape-loop";
import { formatDuration } from "@/lib/time/parse-duration";
import { timeAgo } from "@/lib/ui/format";
import { LocalTime } from "@/components/local-time";

const ROLE = {
  scraping: "this instance scrapes",
  standby: "standing by: another instance on this database holds the scrape lease (its up{} series show the targets' health)",
  off: "no targets: set DEPLOYLINES_SCRAPE or DEPLOYLINES_SCRAPE_FILE",
} as const;

/** The scrape targets and how each one's last scrape went (health, when, how long, samples, error). */
export function ScrapeTargets({ status, now }: { status: ScrapeStatus; now: number }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="scrape-targets" data-role={status.role}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 className="font-medium">Scrape targets</h2>
        <span className="text-xs text-slate-500">
          every {formatDuration(status.intervalMs)}, timeout {formatDuration(status.timeoutMs)} · {ROLE[status.role]}
        </span>
      </div>
      {status.targets.length > 0 && (
        <DataTable
          bare
          label="scrape targets"
          maxHeight="40vh"
          columns={[
            { key: "service", label: "service" },
            { key: "url", label: "url" },
            { key: "health", label: "health" },
            { key: "last", label: "last scrape" },
            { key: "duration", label: "duration", align: "right" },
            { key: "samples", label: "samples", align: "right" },
            { key: "error", label: "error" },
          ]}
          rows={status.targets.map((t) => ({
            key: `${t.service} ${t.url} ${t.instance}`,
            attrs: { "data-scrape-service": t.service, "data-health": t.health },
            sort: { service: t.service, url: t.url, health: t.health, last: t.lastScrapeAt, duration: t.lastDurationMs, samples: t.samples },
            cells: {
              service: t.service,
              url: <span className="font-mono text-xs">{t.url}</span>,
              health: <StatusBadge status={t.health} title={`${t.scrapes} scrapes, ${t.failures} failed`} />,
              last: t.lastScrapeAt === null ? "not yet" : <LocalTime ts={t.lastScrapeAt} withSeconds>
                    {timeAgo(t.lastScrapeAt, now)}
                  </LocalTime>,
              duration: t.lastDurationMs === null ? "–" : `${t.lastDurationMs} ms`,
              samples: t.samples === null ? "–" : t.samples.toLocaleString("en-US"),
              error: t.lastError && <span className="break-all font-mono text-xs text-red-700">{t.lastError}</span>,
            },
          }))}
        />
      )}
    </section>
  );
}
