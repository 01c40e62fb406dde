// The domain's words for codes the API sends.
export function humanize(code: string): string {
  const text = code.replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const PRIORITIES = ["Critical", "Urgent", "High", "Medium", "Low"] as const;

/** Sort rank of a priority: Critical first. Unknown priorities last. */
export function priorityRank(priority: string): number {
  const i = (PRIORITIES as readonly string[]).indexOf(priority);
  return i === -1 ? PRIORITIES.length : i;
}
