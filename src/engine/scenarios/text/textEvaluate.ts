/**
 * Scores a text model on held-out text, per source (each general genre, the
 * domain): next-character accuracy (the argmax is the true next symbol),
 * cross-entropy in nats per character, and bits per character (nats / ln 2).
 *
 * Windows are fixed (corpus.ts heldOutWindows: back-to-back
 * windows of each document's held-out text, evenly spaced picks, no seed)
 * and scored with every position a target, as continual pre-training trains.
 * Chunks are queued in groups before their results are read: one wait for
 * the device per group, and memory bounded however many windows are scored.
 */
import { heldOutWindows, type TextSource, type TextWindow } from './corpus';
import { windowBatch } from './windowBatch';
import type { TokenBatch } from '../../data/batch';
import type { ModelDims } from '../../model/dims';
import { modelInput } from '../../model/input';
import type { Gpt } from '../../model/model';
import * as tf from '../../tf';
import type { SkillScore } from '../../eval/score';

/** Rows per forward pass: bounds the attention tensors (rows × heads × T × T) to a few MB. */
const CHUNK_ROWS = 32;
/** Chunks queued before results are read: a run's evaluation (up to 8 sources × 16 windows) is one group; scoring every held-out window is many. */
const CHUNKS_PER_READ = 4;

interface Chunk {
  /** Owner (source index) of each row. */
  owner: number[];
  windows: TextWindow[];
  batch: TokenBatch;
}

/** One window's counts: characters predicted right, characters, summed nats. */
export interface WindowCounts {
  window: TextWindow;
  right: number;
  total: number;
  nats: number;
}

function chunksOf(sets: readonly TextWindow[][]): Chunk[] {
  const rows = sets.flatMap((windows, s) => windows.map((w) => ({ w, s })));
  const chunks: Chunk[] = [];
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const part = rows.slice(i, i + CHUNK_ROWS);
    const windows = part.map((p) => p.w);
    chunks.push({ owner: part.map((p) => p.s), windows, batch: windowBatch(windows) });
  }
  return chunks;
}

/** Scores from counts: right and total characters, summed nats. */
export function textScore(right: number, total: number, nats: number): SkillScore {
  const loss = nats / total;
  return { acc: right / total, tokenAcc: right / total, loss, bpc: loss / Math.LN2 };
}

export class TextEvaluator {
  private readonly full: Chunk[];
  private readonly live: Chunk[];

  /** `size` windows per source for full evaluations, `liveSize` for the cheap ones mid-run. */
  constructor(
    private readonly sources: readonly TextSource[],
    private readonly dims: ModelDims,
    readonly size: number,
    readonly liveSize = size,
  ) {
    const sets = (n: number) => sources.map((s) => heldOutWindows(s, n, dims.context));
    this.full = chunksOf(sets(size));
    this.live = liveSize < size ? chunksOf(sets(liveSize)) : this.full;
  }

  /** Scores by source name. */
  async scores(model: Gpt, live = false): Promise<Record<string, SkillScore>> {
    const bySource = await this.windowCounts(model, live);
    return Object.fromEntries(
      Object.entries(bySource).map(([name, windows]) => {
        let [right, total, nats] = [0, 0, 0];
        for (const w of windows) [right, total, nats] = [right + w.right, total + w.total, nats + w.nats];
        return [name, textScore(right, total, nats)];
      }),
    );
  }

  /** Each window's counts, by source name, in the order heldOutWindows gives them. */
  async windowCounts(model: Gpt, live = false): Promise<Record<string, WindowCounts[]>> {
    const chunks = live ? this.live : this.full;
    const bySource: WindowCounts[][] = this.sources.map(() => []);
    // A group of chunks is queued before any of its results is read: one wait for the device per group.
    for (let g = 0; g < chunks.length; g += CHUNKS_PER_READ) {
      const group = chunks.slice(g, g + CHUNKS_PER_READ);
      const outputs = tf.tidy(() => {
        const weights = model.weights();
        const adapters = model.adapters();
        return group.map(({ batch }) => {
          const logits = model.logits(modelInput(batch.inputs, batch.size, batch.length, this.dims), undefined, weights, adapters);
          const picked = tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.tensor1d(batch.targets, 'int32'), this.dims.vocabSize)), 1);
          return [tf.argMax(logits, 1), picked];
        });
      });
      const values = await Promise.all(outputs.flat().map((t) => t.data()));
      tf.dispose(outputs.flat());
      group.forEach(({ batch, owner, windows }, c) => {
        const [pred, logp] = [values[2 * c], values[2 * c + 1]];
        owner.forEach((s, row) => {
          const counts: WindowCounts = { window: windows[row], right: 0, total: 0, nats: 0 };
          for (let t = row * batch.length; t < (row + 1) * batch.length; t++) {
            counts.total += 1;
            counts.nats -= logp[t];
            if (pred[t] === batch.targets[t]) counts.right += 1;
          }
          bySource[s].push(counts);
        });
      });
    }
    return Object.fromEntries(this.sources.map((source, s) => [source.name, bySource[s]]));
  }
}
