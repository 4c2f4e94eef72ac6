/**
 * Hand-made finished runs of both scenarios as an exported run file, so a
 * browser test can put thirty runs on the charts in a second instead of
 * training them. Built with the lesson tests' fakeRun (scores chosen, the
 * summary computed as the engine computes it).
 */
import { runsToJson } from '../src/share/runFile';
import { fakeRun } from '../src/teach/fakeRuns';

const SKILLS_BEFORE = { copy: 1, reverse: 1, sort: 0.99, successor: 1, task: 0.008 };
const TEXT_BEFORE = { news: 0.56, fiction: 0.58, humor: 0.55, task: 0.2 };
const TEXT = { scenario: 'text', domain: 'near', steps: 200, batchSize: 8, evalEvery: 25 };

const SKILLS_NAMES = ['Ignore forgetting', 'Mix in general data', 'LoRA r4 α8', 'Freeze the lower layers', 'EWC λ 1', 'Low learning rate', 'Clamp δ 0.006', 'L2-SP'];

/**
 * `skills` skills runs, crowded the way a class's runs are: most gain 96–99.2
 * points, forgetting spread from 2 to 70, every fifth run a twin of the one
 * before (the very same scores); and `text` text runs on near prose.
 */
export function seededRunFile(skills: number, text: number): string {
  const runs = [];
  for (let i = 0; i < skills; i++) {
    const twin = i % 5 === 4;
    const k = twin ? i - 1 : i;
    const task = k % 7 === 6 ? 0.6 + 0.05 * (k % 3) : 1 - ((k * 37) % 33) / 1000;
    const general = 1 - (2 + ((k * 53) % 69)) / 100;
    runs.push(
      fakeRun({
        name: `${SKILLS_NAMES[k % SKILLS_NAMES.length]} · seed ${k + 1}`,
        settings: { steps: 20, evalEvery: 10, seed: k + 1 },
        before: SKILLS_BEFORE,
        points: [
          { step: 10, acc: { copy: (1 + general) / 2, reverse: (1 + general) / 2, sort: general, successor: 1, task: task / 2 }, evalSize: 12 },
          { step: 20, acc: { copy: general, reverse: general, sort: general, successor: general, task } },
        ],
      }),
    );
  }
  for (let i = 0; i < text; i++) {
    const general = 0.56 - 0.01 * (i + 1);
    runs.push(
      fakeRun({
        name: `Near prose · seed ${i + 1}`,
        settings: { ...TEXT, seed: i + 1 },
        before: TEXT_BEFORE,
        points: [{ step: 200, acc: { news: general, fiction: general + 0.02, humor: general - 0.01, task: 0.45 + 0.01 * i } }],
      }),
    );
  }
  return runsToJson(runs);
}
