/**
 * Which label id a label name stands for in a team, remembered for a few minutes so that labelling a
 * ticket does not search the workspace's labels every time. Names compare without regard to case or
 * surrounding spaces, as Linear's `eqIgnoreCase` does. A label deleted or renamed in the meantime makes
 * the add fail; the caller then forgets the entry and looks the name up again.
 */
export class LabelIdCache {
  private readonly entries = new Map<string, { readonly labelId: string; readonly expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    /** Entries kept at most; the oldest written go first (there are a few label names per team). */
    private readonly maxEntries = 1000,
  ) {}

  get(teamId: string, name: string): string | undefined {
    const key = keyOf(teamId, name);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.labelId;
    this.entries.delete(key);
    return undefined;
  }

  set(teamId: string, name: string, labelId: string): void {
    const key = keyOf(teamId, name);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    if (this.ttlMs > 0) this.entries.set(key, { labelId, expiresAt: this.now() + this.ttlMs });
  }

  forget(teamId: string, name: string): void {
    this.entries.delete(keyOf(teamId, name));
  }
}

function keyOf(teamId: string, name: string): string {
  return `${teamId}\u0000${labelNameKey(name)}`;
}

/** A label name as Linear compares names (`eqIgnoreCase`): without regard to case or surrounding spaces. */
export function labelNameKey(name: string): string {
  return name.trim().toLowerCase();
}
