/**
 * `--shard i/n`: a deterministic slice of a plan, so one sweep or report can
 * be spread over n processes or machines (a Kubernetes Indexed Job, a Slurm
 * array) and merged again with `--from`. Shard i (1-based, as Playwright's
 * `--shard`) takes the plan's runs at positions i-1, i-1+n, i-1+2n, …: dealt
 * round-robin, so each shard gets a share of every lever value and seed, and
 * the slices of 1/n … n/n cover the plan exactly once.
 */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4; from a 0-based array index k, $((k+1))/n), not '${text}'`);
  }
  return { index, count };
}

/** The items of a plan that belong to a shard, with their positions in the whole plan. */
export function shardOf<T>(items: readonly T[], shard: Shard): { item: T; position: number }[] {
  return items.flatMap((item, position) => (position % shard.count === shard.index - 1 ? [{ item, position }] : []));
}
