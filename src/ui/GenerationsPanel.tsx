import { describeScenario } from '../engine/scenarios/registry';
import { useId, useMemo, useState } from 'react';
import type { Sample } from '../engine/eval/samples';
import { baselineOf, evalsOf, type Run } from '../runs/run';
import { useRunsStore } from '../store/runsStore';
import { symbolPieces, wordPieces } from './answerMarks';
import type { ChartRun } from './charts/useChartRuns';
import { pct } from './format';
import { MarkedText } from './MarkedText';
import './generations.css';

/** A skills answer with its verdict: ✓ when the whole answer is right, else ✗ and the wrong symbols marked. */
function Answer({ sample }: { sample: Sample | undefined }) {
  if (!sample) return <>—</>;
  const right = sample.answer === sample.expected;
  return (
    <>
      <code>{sample.answer ? <MarkedText pieces={symbolPieces(sample.answer, sample.expected)} /> : '∅'}</code>{' '}
      <span className={right ? 'verdict-right' : 'verdict-wrong'}>{right ? '✓' : '✗'}</span>
      <span className="sr-only">{right ? ' right' : ' wrong'}</span>
    </>
  );
}

function SkillAnswers({ run, base, after, testId }: { run: Run; base: Sample[]; after: { step: number; samples: Sample[] } | undefined; testId: string }) {
  return (
    <table className="generations" data-testid={testId}>
      <caption>
        Greedy answers of the base model and of {run.name} {after ? `at step ${after.step}` : '(no evaluation with answers yet)'}; wrong symbols are marked
      </caption>
      <thead>
        <tr>
          <th scope="col">Skill</th>
          <th scope="col">Prompt</th>
          <th scope="col">Expected</th>
          <th scope="col">Base model</th>
          <th scope="col">{after ? `After, step ${after.step}` : 'After'}</th>
        </tr>
      </thead>
      <tbody>
        {base.map((s, i) => (
          <tr key={`${s.skill}-${i}`}>
            <td>{s.skill}</td>
            <td>
              <code>{s.prompt}</code>
            </td>
            <td>
              <code>{s.expected}</code>
            </td>
            <td data-testid="answer-base">
              <Answer sample={s} />
            </td>
            <td data-testid="answer-after">
              <Answer sample={after?.samples[i]} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A prompt and what the model wrote after it, made-up words marked. */
function Continuation({ sample }: { sample: Sample | undefined }) {
  if (!sample) return <>—</>;
  return (
    <p className="continuation">
      <strong className="prompt">{sample.prompt}</strong>
      <MarkedText pieces={wordPieces(sample.answer, sample.nonWords)} />
    </p>
  );
}

function TextSamples({
  run,
  base,
  after,
  testId,
}: {
  run: Run;
  base: { samples: Sample[]; realWords?: number };
  after: { step: number; samples: Sample[]; realWords?: number } | undefined;
  testId: string;
}) {
  const share = (x?: number) => (x === undefined ? '—' : pct(x));
  return (
    <table className="generations text-samples" data-testid={testId}>
      <caption>
        What the base model and {run.name} {after ? `at step ${after.step}` : '(no evaluation with samples yet)'} write after the same prompts, sampled with the same
        random numbers; made-up words are marked. Real words: base {share(base.realWords)}, after {share(after?.realWords)}.
      </caption>
      <thead>
        <tr>
          <th scope="col">Base model (real words {share(base.realWords)})</th>
          <th scope="col">{after ? `After, step ${after.step}` : 'After'} (real words {share(after?.realWords)})</th>
        </tr>
      </thead>
      <tbody>
        {base.samples.map((s, i) => (
          <tr key={i}>
            <td data-testid="sample-base">
              <Continuation sample={s} />
            </td>
            <td data-testid="sample-after">
              <Continuation sample={after?.samples[i]} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Runs worth showing here: finished, with a baseline that has answers. */
const hasAnswers = (run: Run) => run.status === 'done' && Boolean(baselineOf(run)?.samples.length);

/** One run's answers (text: samples) beside the base model's, at its latest evaluation that has them; the compare view shows two. */
export function RunAnswers({ run, testId = 'generations' }: { run: Run; testId?: string }) {
  const base = baselineOf(run);
  if (!base) return <p className="muted">Answers appear once a run has evaluated the base model.</p>;
  // Answers come every few evaluations: the latest evaluation that has them.
  const latest = evalsOf(run).filter((e) => e.samples).at(-1);
  const after = latest?.samples ? { step: latest.step, samples: latest.samples, realWords: latest.eval.realWords } : undefined;
  return describeScenario(run.config.scenario).samples === 'continuations' ? (
    <TextSamples run={run} base={{ samples: base.samples, realWords: base.eval.realWords }} after={after} testId={testId} />
  ) : (
    <SkillAnswers run={run} base={base.samples} after={after} testId={testId} />
  );
}

/**
 * Forgetting read in the model's own words: the base model's answers (text:
 * samples) beside those of a run, the focused one or any finished run picked
 * from the list.
 */
export function GenerationsPanel({ focus }: { focus: ChartRun | null }) {
  const selectId = useId();
  // The list changes when runs finish, are renamed or removed, not at every step.
  const key = useRunsStore((s) => s.runs.filter(hasAnswers).map((r) => `${r.id}:${r.name}`).join('|'));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const finished = useMemo(() => useRunsStore.getState().runs.filter(hasAnswers), [key]);
  const [picked, setPicked] = useState<string | null>(null);
  const chosen = picked ? finished.find((r) => r.id === picked) : undefined;
  const run = chosen ?? focus?.run ?? null;

  const picker = finished.length > 0 && (
    <p className="generations-picker">
      <label htmlFor={selectId}>Run </label>
      <select id={selectId} value={chosen ? chosen.id : ''} onChange={(e) => setPicked(e.target.value || null)} data-testid="generations-run">
        <option value="">the selected run{focus ? ` (${focus.run.name})` : ''}</option>
        {finished.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
    </p>
  );
  return (
    <>
      {picker}
      {run ? <RunAnswers run={run} /> : <p className="muted">Answers appear once a run has evaluated the base model.</p>}
    </>
  );
}
