/**
 * The text lesson's last step, "Train it on your own writing": its answer is
 * read from a run on a text of one's own (domain=custom), beside step 1's code
 * run when there is one, and the step takes whichever text the participant
 * chose after setting it up.
 */
import { describe, expect, it } from 'vitest';
import { applySettings } from '../engine/config/keys';
import { presetConfig } from '../engine/config/presets';
import { CUSTOM_EXAMPLE } from '../engine/scenarios/text/customText';
import { fakeRun, fakeSample } from './fakeRuns';
import { findLesson } from './lessons';
import { leversChanged, stepState } from './stepRun';
import { ownTextForgets } from './textLessonAnswers';

const lesson = findLesson('english-forgets')!;
const own = lesson.steps.find((s) => s.id === 'own')!;
const HASH = 'a'.repeat(64);
const OTHER_HASH = 'b'.repeat(64);
const TEXT = { scenario: 'text', steps: 200, batchSize: 8, evalEvery: 25 };
const MINE = { ...TEXT, domain: 'custom', domainHash: HASH, domainName: 'my-letters.txt' };
const BEFORE = { news: 0.56, fiction: 0.58, humor: 0.55, task: 0.3 };
const BEFORE_BPC = { news: 2.1, fiction: 2.0, humor: 2.2, task: 3.5 };
const BASE_SAMPLES = [fakeSample('the man ', 'was not in the room.')];

function textRun(settings: Record<string, unknown>, end: Record<string, number>, endBpc: Record<string, number>, realWords: number, startedAt?: number) {
  return fakeRun({
    settings,
    startedAt,
    before: BEFORE,
    beforeText: { bpc: BEFORE_BPC, realWords: 0.91, samples: BASE_SAMPLES },
    points: [{ step: 200, acc: end, bpc: endBpc, realWords, samples: [fakeSample('the man ', 'was nat in the rom.', ['nat', 'rom'])] }],
  });
}

// Own text: English 56.3% → 50.0% (6.3 points), its own text 30% → 52%. Code: 56.3% → 41.0% (15.3 points).
const mine = textRun(MINE, { news: 0.5, fiction: 0.52, humor: 0.48, task: 0.52 }, { news: 2.4, fiction: 2.3, humor: 2.5, task: 2.2 }, 0.8);
const code = textRun({ ...TEXT, domain: 'code' }, { news: 0.4, fiction: 0.36, humor: 0.47, task: 0.45 }, { news: 2.9, fiction: 3.1, humor: 2.6, task: 2.5 }, 0.62);

describe('training on one’s own writing', () => {
  it('says how much English it lost, naming the text, and what it gained on the text', () => {
    const answer = ownTextForgets(mine);
    expect(answer.text).toBe(
      'Trained on your text “my-letters.txt”, the model’s next-character accuracy on English prose fell from 56.3% to 50.0%: forgetting 6.3 points. ' +
        'Its bits per character on English rose from 2.10 to 2.40 (more bits: English surprises it more). ' +
        'The share of real words in what it writes fell from 91% to 80%.',
    );
    expect(answer.details.at(-1)).toBe(
      'On your text “my-letters.txt” its next-character accuracy rose from 30.0% to 52.0%: task gain 22.0 points; its bits per character there fell from 3.50 to 2.20.',
    );
  });

  it('calls the built-in example the example, not the participant’s text', () => {
    const example = textRun({ ...MINE, domainName: CUSTOM_EXAMPLE.name }, { news: 0.5, fiction: 0.52, humor: 0.48, task: 0.52 }, { news: 2.4, fiction: 2.3, humor: 2.5, task: 2.2 }, 0.8);
    expect(ownTextForgets(example).text).toMatch(/^Trained on the example text “gyp-python\.txt” \(Python code\), /);
  });

  it('beside step 1’s code run: which forgot more English, and the English each kept', () => {
    const answer = ownTextForgets(mine, code);
    expect(answer.text).toMatch(/forgetting 6\.3 points\. .* It forgot 9\.0 points less than code \(15\.3 points\)\.$/);
    expect(answer.details.slice(-2)).toEqual([
      'Bits per character on English at the end: your text “my-letters.txt” 2.40, code 2.87 (before training 2.10).',
      'Real words in the samples at the end: your text “my-letters.txt” 80%, code 62% (before training 91%).',
    ]);
    // Through the lesson: the step answers with or without step 1's run.
    expect(own.answer({ run: mine, earlier: { code } }).text).toBe(answer.text);
    expect(own.answer({ run: mine, earlier: {} }).text).toBe(ownTextForgets(mine).text);
  });

  it('no answer from an unfinished run', () => {
    const cut = fakeRun({ name: 'cut', settings: MINE, before: BEFORE, points: [{ step: 25, acc: BEFORE }], unfinished: true });
    expect(ownTextForgets(cut, code).text).toBe('“cut” has no final scores to read.');
  });
});

describe('the step’s run', () => {
  // Set up before any text was chosen: domain=custom, no hash yet.
  const setupConfig = applySettings(presetConfig(own.setup!.preset), own.setup!.settings ?? {}).config;

  it('is set up on a text of one’s own, and takes whichever text the participant then chose', () => {
    expect(setupConfig.domain).toBe('custom');
    expect(leversChanged({ ...setupConfig, domainHash: OTHER_HASH, domainName: 'example.py' }, setupConfig)).toEqual([]);
    // Another domain, or another lever, is another experiment.
    expect(leversChanged({ ...setupConfig, domain: 'code' }, setupConfig)).toEqual(['domain']);
    expect(leversChanged({ ...setupConfig, mix: 0.25 }, setupConfig)).toEqual(['mix']);
  });

  it('answers from the run on the chosen text, not from a code run, and needs no earlier step', () => {
    const setups = { own: { config: setupConfig, kept: [], at: 10 } };
    const codeRun = textRun({ ...TEXT, domain: 'code' }, { news: 0.4, fiction: 0.36, humor: 0.47, task: 0.45 }, {}, 0.6, 20);
    expect(stepState(own, setups, [codeRun]).kind).toBe('waiting');
    const mineLater = textRun(MINE, { news: 0.5, fiction: 0.52, humor: 0.48, task: 0.52 }, {}, 0.8, 30);
    const state = stepState(own, setups, [codeRun, mineLater]);
    expect(state).toMatchObject({ kind: 'answered', run: mineLater });
    expect(state.kind === 'answered' && state.answer.text).toMatch(/^Trained on your text “my-letters\.txt”/);
  });
});
