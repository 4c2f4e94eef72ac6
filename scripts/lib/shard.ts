/**
 * `--shard i/n`: a deterministic slice of a plan, so one sweep or report can
 * be spread over n processes or machines (a Kubernetes Indexed Job, a Slurm
 * array) and merged again with `--from`. The slicing rule is the page's too
 * (a class sweep's slots): src/engine/sweep/shard.ts.
 */
import { readShard, type Shard } from '../../src/engine/sweep/shard';

export { shardOf, type Shard } from '../../src/engine/sweep/shard';

export function parseShard(text: string): Shard {
  const shard = readShard(text);
  if (!shard) throw new Error(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4; from a 0-based array index k, $((k+1))/n), not '${text}'`);
  return shard;
}
