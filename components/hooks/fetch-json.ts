/** GETs JSON from the API, turning an error answer into an Error carrying the server's message. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const problems = Array.isArray(body.problems) ? body.problems.map((p: { where: string; message: string }) => `${p.where}: ${p.message}`).join("; ") : "";
    throw new Error(`${body.error ?? res.statusText}${problems ? ` (${problems})` : ""}`);
  }
  return body as T;
}
