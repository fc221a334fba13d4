import { notFound } from "next/navigation";
import { tryDecodeSegment } from "./segment";

/** Decodes a page's `[param]` segment; a malformed escape renders the not-found page instead of a 500. */
export function pageSegment(raw: string): string {
  const decoded = tryDecodeSegment(raw);
  if (decoded === null) notFound();
  return decoded;
}
