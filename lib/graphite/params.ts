import "server-only";
import { badRequest } from "@/lib/http/api-error";

/** Largest form body a Graphite read takes: a dashboard's targets, not data. */
export const MAX_FORM_BYTES = 256 * 1024;

/**
 * The request's parameters as graphite-web reads them (query string merged with a form-encoded
 * POST body, `request.GET.copy().update(request.POST)`): Grafana's Graphite data source POSTs
 * `target=…&from=-6h&until=now&format=json&maxDataPoints=…` as application/x-www-form-urlencoded.
 */
export async function graphiteParams(req: Request): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(req.url).search);
  if (req.method !== "POST") return params;
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) throw badRequest("POST a form (application/x-www-form-urlencoded), as Grafana does", [{ where: "content-type", message: `got "${type}"` }]);
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_FORM_BYTES) throw badRequest(`form body over ${MAX_FORM_BYTES} bytes`);
  const body = await req.text();
  if (body.length > MAX_FORM_BYTES) throw badRequest(`form body over ${MAX_FORM_BYTES} bytes`);
  for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
  return params;
}
