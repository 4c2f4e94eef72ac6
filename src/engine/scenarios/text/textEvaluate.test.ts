import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/backends';
import { Gpt } from '../../model/model';
import { modelInput } from '../../model/input';
import { heldOutWindows } from './corpus';
import { windowBatch } from './windowBatch';
import { TEXT_SYMBOLS } from './textVocab';
import { TINY_TEXT_DIMS, tinyTextCheckpoint, tinyTextCorpus } from '../../testing/textFixtures';
import * as tf from '../../tf';
import { TextEvaluator } from './textEvaluate';

beforeAll(async () => {
  await useBackend('cpu');
});

const id = (c: string) => TEXT_SYMBOLS.indexOf(c);

describe('text evaluation', () => {
  it('gives the bits per character and next-character accuracy computed by hand for a model that predicts one fixed distribution', async () => {
    // Every weight zero but the head's bias: LayerNorm of zero is zero, so every position's logits are exactly the bias.
    const values = tinyTextCheckpoint().values;
    for (const v of Object.values(values)) v.fill(0);
    const bias = values['head.bias'];
    bias[id(' ')] = 2;
    bias[id('e')] = 1;
    const model = new Gpt(TINY_TEXT_DIMS, values);
    const corpus = tinyTextCorpus();
    const evaluator = new TextEvaluator(corpus.sources, TINY_TEXT_DIMS, 5, 2);
    const scores = await evaluator.scores(model);

    // By hand: p = softmax(bias); BPC = mean over targets of −log2 p(target); the argmax is always a space.
    const z = Array.from(bias, (b) => Math.exp(b));
    const total = z.reduce((a, b) => a + b, 0);
    const bits = (c: number) => -Math.log2(z[c] / total);
    for (const source of corpus.sources) {
      const targets = heldOutWindows(source, 5, TINY_TEXT_DIMS.context).flatMap((w) => Array.from(w.symbols.subarray(1)));
      const bpc = targets.reduce((a, t) => a + bits(t), 0) / targets.length;
      const spaces = targets.filter((t) => t === id(' ')).length / targets.length;
      const s = scores[source.name];
      expect(s.bpc, source.name).toBeCloseTo(bpc, 5);
      expect(s.loss, source.name).toBeCloseTo(bpc * Math.LN2, 5);
      expect(s.acc, source.name).toBeCloseTo(spaces, 10);
      expect(s.tokenAcc).toBe(s.acc);
    }
    model.dispose();
  });

  it('scores every window of every source, in chunks, as one forward pass over each window says', async () => {
    const model = new Gpt(TINY_TEXT_DIMS, tinyTextCheckpoint(4).values);
    const corpus = tinyTextCorpus();
    // 4 sources × 12 windows = 48 rows: two chunks, windows of several sources in one.
    const scores = await new TextEvaluator(corpus.sources, TINY_TEXT_DIMS, 12).scores(model);
    for (const source of corpus.sources) {
      const batch = windowBatch(heldOutWindows(source, 12, TINY_TEXT_DIMS.context));
      const logits = tf.tidy(() => model.logits(modelInput(batch.inputs, batch.size, batch.length, TINY_TEXT_DIMS)).arraySync() as number[][]);
      let nats = 0;
      let right = 0;
      logits.forEach((row, t) => {
        const max = Math.max(...row);
        const logSum = max + Math.log(row.reduce((a, x) => a + Math.exp(x - max), 0));
        nats -= row[batch.targets[t]] - logSum;
        if (row.indexOf(max) === batch.targets[t]) right += 1;
      });
      expect(scores[source.name].loss, source.name).toBeCloseTo(nats / logits.length, 5);
      expect(scores[source.name].acc, source.name).toBeCloseTo(right / logits.length, 10);
    }
    model.dispose();
  });

  it('gives each window its own counts, in heldOutWindows order, that add up to the scores', async () => {
    const model = new Gpt(TINY_TEXT_DIMS, tinyTextCheckpoint(4).values);
    const corpus = tinyTextCorpus();
    const evaluator = new TextEvaluator(corpus.sources, TINY_TEXT_DIMS, 12);
    const [scores, windows] = [await evaluator.scores(model), await evaluator.windowCounts(model)];
    for (const source of corpus.sources) {
      const expected = heldOutWindows(source, 12, TINY_TEXT_DIMS.context);
      const counts = windows[source.name];
      expect(counts.map((c) => c.window)).toEqual(expected);
      // A window scored alone (the one evaluator of 1 picks) counts the same as among the others.
      const [alone] = (await new TextEvaluator([source], TINY_TEXT_DIMS, 1).windowCounts(model))[source.name];
      const among = counts.find((c) => c.window.origin === alone.window.origin && c.window.document === alone.window.document)!;
      expect(among.right).toBe(alone.right);
      expect(among.nats).toBeCloseTo(alone.nats, 3);
      for (const c of counts) expect(c.total).toBe(TINY_TEXT_DIMS.context);
      const sum = (k: 'right' | 'total' | 'nats') => counts.reduce((a, c) => a + c[k], 0);
      expect(scores[source.name].acc).toBe(sum('right') / sum('total'));
      expect(scores[source.name].loss).toBeCloseTo(sum('nats') / sum('total'), 10);
    }
    model.dispose();
  });

  it('leaves no tensor behind', async () => {
    const model = new Gpt(TINY_TEXT_DIMS, tinyTextCheckpoint().values);
    const evaluator = new TextEvaluator(tinyTextCorpus().sources, TINY_TEXT_DIMS, 6, 2);
    const before = tf.memory().numTensors;
    await evaluator.scores(model);
    await evaluator.scores(model, true);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
