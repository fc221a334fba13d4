import "server-only";
import { badRequest } from "@/lib/http/api-error";
import { readText } from "@/lib/http/read-body";
import { refuseMalformedQuery } from "@/lib/http/segment";

/** Largest form body a Graphite read takes: a dashboard's targets, not data. */
export const MAX_FORM_BYTES = 256 * 1024;

/**
 * The request's parameters as graphite-web reads them (query string merged with a form-encoded
 * POST body, `request.GET.copy().update(request.POST)`): Grafana's Graphite data source POSTs
 * `target=…&from=-6h&until=now&format=json&maxDataPoints=…` as application/x-www-form-urlencoded.
 * A malformed %-escape is a 400 naming the parameter; a body over MAX_FORM_BYTES a 413, unread.
 */
export async function graphiteParams(req: Request): Promise<URLSearchParams> {
  const { search } = new URL(req.url);
  const params = new URLSearchParams(search);
  refuseMalformedQuery(search, params);
  if (req.method !== "POST") return params;
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) throw badRequest("POST a form (application/x-www-form-urlencoded), as Grafana does", [{ where: "content-type", message: `got "${type}"` }]);
  const body = await readText(req, MAX_FORM_BYTES);
  const form = new URLSearchParams(body);
  refuseMalformedQuery(body, form);
  for (const [key, value] of form) params.append(key, value);
  return params;
}
