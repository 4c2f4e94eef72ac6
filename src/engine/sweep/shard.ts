/**
 * One slice of a plan, dealt round-robin: slice i of n (1-based, as
 * Playwright's `--shard`) takes the plan's runs at positions i-1, i-1+n,
 * i-1+2n, … so each slice gets a share of every lever value and seed, and the
 * slices 1/n … n/n cover the plan exactly once. The command line's
 * `--shard i/n` and a class sweep's `slot=i/n` both cut a plan with it.
 */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** 'i/n' with 1 ≤ i ≤ n, or why not (the caller words the message for its reader). */
export function readShard(text: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return null;
  return { index, count };
}

/** The slice (1-based) that holds a plan's position. */
export function shardOfPosition(position: number, count: number): number {
  return (position % count) + 1;
}

/** The items of a plan that belong to a shard, with their positions in the whole plan. */
export function shardOf<T>(items: readonly T[], shard: Shard): { item: T; position: number }[] {
  return items.flatMap((item, position) => (shardOfPosition(position, shard.count) === shard.index ? [{ item, position }] : []));
}
