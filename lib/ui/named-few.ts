/**
 * The first `few` names, comma-separated, and how many more there are and where they are listed
 * ("a, b and 24 more, below"): a sentence stays a sentence when a labelled service regresses on
 * dozens of series at once.
 */
export function namedFew(names: readonly string[], few: number, where: string): string {
  const more = names.length - few;
  return more > 0 ? `${names.slice(0, few).join(", ")} and ${more} more, ${where}` : names.join(", ");
}
