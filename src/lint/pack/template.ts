/**
 * Message and question templates: plain text with `{placeholder}`s filled in per ticket.
 * The placeholder set is closed, so a typo in a pack is caught when the pack loads, not when a
 * ticket shows a raw `{deliverabel}` to its author.
 */
export const PLACEHOLDERS = ['deliverable', 'title', 'verb', 'alternatives', 'who'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Readonly<Record<Placeholder, string>>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The first `{name}` in `template` that is not among `allowed`, with its braces; null when all are known. */
export function findUnknownPlaceholder(template: string, allowed: readonly string[] = PLACEHOLDERS): string | null {
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!allowed.includes(match[1]!)) return match[0];
  }
  return null;
}

export function describeAllowedPlaceholders(allowed: readonly string[] = PLACEHOLDERS): string {
  return allowed.map((p) => `{${p}}`).join(', ');
}

export function renderTemplate(template: string, values: Partial<TemplateValues>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name as Placeholder] ?? whole);
}

/** `a`, `a or b`, `a, b or c`: how a question offers the alternatives of a deliverable. */
export function joinAlternatives(alternatives: readonly string[]): string {
  if (alternatives.length <= 1) return alternatives[0] ?? '';
  return `${alternatives.slice(0, -1).join(', ')} or ${alternatives[alternatives.length - 1]}`;
}
