/**
 * The log search link for a service around a time range: the service's URL template with
 * `{service}`, `{from}` and `{to}` replaced (times as ISO-8601), each URL-encoded.
 */
export function logSearchUrl(template: string, service: string, from: number, to: number): string {
  const values: Record<string, string> = { service, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  return template.replace(/\{(service|from|to)\}/g, (_, key: string) => encodeURIComponent(values[key]));
}
