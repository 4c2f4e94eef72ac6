/** The text lesson's answers read the text runs' own events: next-character accuracy, bits per character, real words and samples. */
import { describe, expect, it } from 'vitest';
import { fakeRun, fakeSample } from './fakeRuns';
import { findLesson } from './lessons';
import { englishForgets, nearVsFar, proseMixingCost, textAdapterVsFull, textBestBalance, textPullVsFree } from './textLessonAnswers';

const TEXT = { scenario: 'text', domain: 'code', steps: 200, batchSize: 8, evalEvery: 25, liveEvalSize: 4 };
/** Three genres and the domain; the base model predicts near prose far better than code. */
const BEFORE = { news: 0.56, fiction: 0.58, humor: 0.55, task: 0.2 };
const BEFORE_BPC = { news: 2.1, fiction: 2.0, humor: 2.2, task: 4.8 };
const BASE_SAMPLES = [fakeSample('the man ', 'was not in the room.'), fakeSample('she said ', 'that he had gone home.')];
const LAST_SAMPLES = [fakeSample('the man ', 'was not {retur the room;', ['{retur']), fakeSample('she said ', 'thet he ha(x) =>\ngone', ['thet', 'ha(x)'])];

interface TextRunSpec {
  settings?: Record<string, unknown>;
  before?: Record<string, number>;
  /** The quick point at step 25 (the last point's accuracies unless given). */
  quick?: Record<string, number>;
  end: Record<string, number>;
  endBpc: Record<string, number>;
  realWords: number;
  drift?: number;
  trainable?: number;
  name?: string;
}

/** A finished code run: a quick point at step 25, the last at step 200 with its bits, real words and samples. */
function textRun(spec: TextRunSpec) {
  return fakeRun({
    name: spec.name,
    settings: { ...TEXT, ...spec.settings },
    before: spec.before ?? BEFORE,
    beforeText: { bpc: BEFORE_BPC, realWords: 0.91, samples: BASE_SAMPLES },
    points: [
      { step: 25, acc: spec.quick ?? spec.end, evalSize: 4 },
      { step: 200, acc: spec.end, bpc: spec.endBpc, realWords: spec.realWords, samples: LAST_SAMPLES, drift: spec.drift },
    ],
    trainable: spec.trainable ?? 112838,
    total: 112838,
  });
}

// Forgetting 56.3 → 41.0 (15.3 points), bits 2.10 → 2.87, real words 91% → 62%, code 20% → 45%.
const ignore = textRun({
  quick: { news: 0.5, fiction: 0.5, humor: 0.5, task: 0.38 },
  end: { news: 0.4, fiction: 0.36, humor: 0.47, task: 0.45 },
  endBpc: { news: 2.9, fiction: 3.1, humor: 2.6, task: 2.5 },
  realWords: 0.62,
  drift: 6,
  name: 'code run',
});

describe('watching English forget', () => {
  it('reads accuracy, bits per character and real words before and after, and quotes the sample that changed most', () => {
    const answer = englishForgets(ignore);
    expect(answer.text).toBe(
      'Trained on code, the model’s next-character accuracy on English prose fell from 56.3% to 41.0%: forgetting 15.3 points. ' +
        'Its bits per character on English rose from 2.10 to 2.87 (more bits: English surprises it more). ' +
        'The share of real words in what it writes fell from 91% to 62%.',
    );
    // The second prompt's sample gained two made-up words, the first only one; its line break reads as a space.
    expect(answer.details[0]).toBe(
      'One sample, same prompt and same random numbers: before training “she said that he had gone home.”; at step 200 “she said thet he ha(x) => gone” (made-up words: 0 → 2).',
    );
    expect(answer.details[1]).toBe('The genre that lost most: fiction, which fell from 58.0% to 36.0%. The one that lost least: humor, which fell from 55.0% to 47.0%.');
    expect(answer.details[2]).toBe('On code its next-character accuracy rose from 20.0% to 45.0%: task gain 25.0 points; its bits per character there fell from 4.80 to 2.50.');
  });

  it('says what it cannot read: no samples, no bits; and no answer from an unfinished run', () => {
    const bare = fakeRun({ settings: TEXT, before: BEFORE, points: [{ step: 200, acc: { ...BEFORE, task: 0.3 } }] });
    const answer = englishForgets(bare);
    expect(answer.text).toBe('Trained on code, the model’s next-character accuracy on English prose stayed at 56.3%: forgetting 0.0 points.');
    expect(answer.details).toContain('This run has no samples to quote.');
    const cut = fakeRun({ name: 'cut', settings: TEXT, before: BEFORE, points: [{ step: 25, acc: BEFORE }], unfinished: true });
    expect(englishForgets(cut).text).toBe('“cut” has no final scores to read.');
  });
});

describe('the text lesson’s comparisons with the code run', () => {
  it('near prose against code: which forgot more English, and each gain on its own text', () => {
    const near = textRun({
      settings: { domain: 'near' },
      before: { ...BEFORE, task: 0.5 },
      end: { news: 0.54, fiction: 0.57, humor: 0.53, task: 0.55 },
      endBpc: { news: 2.15, fiction: 2.05, humor: 2.25, task: 1.9 },
      realWords: 0.88,
    });
    const answer = nearVsFar(near, ignore);
    // Near: 56.3 → 54.7, 1.7 points; code 15.3 points.
    expect(answer.text).toBe(
      'Trained on near-domain prose, the model forgot 1.7 points of next-character accuracy on English; trained on code, 15.3 points. Code forgot 13.6 points more.',
    );
    expect(answer.details).toEqual([
      'Bits per character on English at the end: near-domain prose 2.15, code 2.87 (before training 2.10).',
      'Real words in the samples at the end: near-domain prose 88%, code 62% (before training 91%).',
      'Each gained on its own text: near-domain prose 5.0 points (50.0% → 55.0%), code 25.0 points (20.0% → 45.0%). The gains are on different text, so compare the forgetting, not the gains.',
    ]);
  });

  it('names the runs when both trained on the same domain', () => {
    const again = textRun({ end: { news: 0.5, fiction: 0.5, humor: 0.5, task: 0.4 }, endBpc: BEFORE_BPC, realWords: 0.8, name: 'code again' });
    expect(nearVsFar(again, ignore).text).toBe(
      'Trained on “code again”, the model forgot 6.3 points of next-character accuracy on English; trained on “code run”, 15.3 points. “code run” forgot 9.0 points more.',
    );
  });

  const mix = textRun({ settings: { mix: 0.25 }, end: { news: 0.52, fiction: 0.53, humor: 0.52, task: 0.4 }, endBpc: { news: 2.3, fiction: 2.2, humor: 2.4, task: 3 }, realWords: 0.85 });

  it('mixing prose in: the gain on code it cost, the English it saved', () => {
    const answer = proseMixingCost(mix, ignore);
    // Gain 25.0 → 20.0; forgetting 15.3 → 4.0.
    expect(answer.text).toBe('Mixing in 25% general prose cost 5.0 points of task gain, and cut forgetting by 11.3 points.');
    expect(answer.details).toEqual([
      'Task gain: 5.0 points less with mixing (ignore → mixing: 25.0 → 20.0).',
      'Forgetting: 11.3 points less with mixing (15.3 → 4.0).',
      'Bits per character on English at the end: ignore 2.87, mixing 2.30 (before training 2.10).',
      'Real words in the samples at the end: ignore 62%, mixing 85% (before training 91%).',
    ]);
  });

  const lora = textRun({
    settings: { method: 'lora', 'lora.rank': 4, 'lora.alpha': 8 },
    quick: { news: 0.56, fiction: 0.58, humor: 0.55, task: 0.24 },
    end: { news: 0.53, fiction: 0.55, humor: 0.52, task: 0.3 },
    endBpc: { news: 2.2, fiction: 2.1, humor: 2.3, task: 3.5 },
    realWords: 0.88,
    trainable: 9000,
  });

  it('LoRA: parameters and forgetting, where each ended on code and how far each got by the first evaluation, with no “learned” threshold', () => {
    const answer = textAdapterVsFull(lora, ignore);
    expect(answer.text).toBe('LoRA trained 9,000 parameters (8.0% of the model’s 112,838); full fine-tuning trained 112,838. It forgot 3.0 points, less than the 15.3 points of full fine-tuning.');
    expect(answer.details).toContain('Next-character accuracy on code at the end: LoRA 30.0%, full fine-tuning 45.0%, from 20.0% before training.');
    expect(answer.details).toContain(
      'At step 25, the first evaluation, LoRA had gained 4.0 points on code, full fine-tuning 18.0 points (a quick point on 4 windows of text per source, against 16 at the end: it wobbles).',
    );
    expect(answer.details).toContain('Real words in the samples at the end: LoRA 88%, full fine-tuning 62% (before training 91%).');
    expect(answer.details.join(' ')).not.toMatch(/90%|reach/);
  });

  const pulled = textRun({
    settings: { 'reg.kind': 'l2sp', 'reg.strength': 1 },
    end: { news: 0.5, fiction: 0.51, humor: 0.5, task: 0.35 },
    endBpc: { news: 2.4, fiction: 2.3, humor: 2.5, task: 3.2 },
    realWords: 0.8,
    drift: 1.5,
  });

  it('a pull toward θ0: how far the weights moved, and the English it kept', () => {
    const answer = textPullVsFree(pulled, ignore);
    expect(answer.text).toBe('With L2-SP λ 1 the weights moved 1.50 from θ0, against 6.00 without a pull: 25% as far. It forgot 9.3 points less.');
    expect(answer.details.slice(2)).toEqual([
      'Bits per character on English at the end: with the pull 2.40, without 2.87 (before training 2.10).',
      'Real words in the samples at the end: with the pull 80%, without 62% (before training 91%).',
    ]);
  });

  it('the last step compares the code runs there are, through the lesson itself', () => {
    const compare = findLesson('english-forgets')!.steps.find((s) => s.id === 'compare')!;
    const answer = compare.answer({ run: null, earlier: { code: ignore, mix, lora, pull: pulled } });
    // Balances: ignore 25.0 − 15.3, mix 20.0 − 4.0, LoRA 10.0 − 3.0, pull 15.0 − 6.0.
    expect(answer.text).toBe('Best balance (task gain minus forgetting): Mix in prose, 20.0 − 4.0 = 16.0 points.');
    expect(answer.details.slice(0, 2)).toEqual(['Least forgetting: LoRA adapter (3.0 points).', 'Most task gain: Ignore forgetting (25.0 points).']);
    expect(answer.details.at(-1)).toBe('Real words in the samples at the end: Ignore forgetting 62%, Mix in prose 85%, LoRA adapter 88%, Pull toward θ0 (L2-SP) 80% (before training 91%).');
    expect(textBestBalance([{ label: 'Ignore', run: ignore }]).text).toMatch(/at least two/);
  });
});
