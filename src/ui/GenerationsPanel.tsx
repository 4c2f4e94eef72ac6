import { baselineOf, evalsOf } from '../store/run';
import type { ChartRun } from './charts/useChartRuns';

/** What the model actually answers to a few fixed prompts: the base model against the latest evaluation. */
export function GenerationsPanel({ focus }: { focus: ChartRun | null }) {
  const base = focus ? baselineOf(focus.run) : null;
  // Answers are sampled every few evaluations: the latest evaluation that has them.
  const latest = focus ? evalsOf(focus.run).filter((e) => e.samples).at(-1) : undefined;
  if (!focus || !base) return <p className="muted">Answers appear once a run has evaluated the base model.</p>;
  return (
    <table className="generations" data-testid="generations">
      <caption>
        Greedy answers of {focus.run.name}: the base model and {latest ? `step ${latest.step}` : 'no evaluation yet'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Skill</th>
          <th scope="col">Prompt</th>
          <th scope="col">Expected</th>
          <th scope="col">Base model</th>
          <th scope="col">Now</th>
        </tr>
      </thead>
      <tbody>
        {base.samples.map((s, i) => {
          const now = latest?.samples?.[i];
          return (
            <tr key={`${s.skill}-${i}`}>
              <td>{s.skill}</td>
              <td>
                <code>{s.prompt}</code>
              </td>
              <td>
                <code>{s.expected}</code>
              </td>
              <td className={s.answer === s.expected ? 'right' : 'wrong'}>
                <code>{s.answer || '∅'}</code> {s.answer === s.expected ? '✓' : '✗'}
              </td>
              <td className={now ? (now.answer === now.expected ? 'right' : 'wrong') : ''}>
                {now ? (
                  <>
                    <code>{now.answer || '∅'}</code> {now.answer === now.expected ? '✓' : '✗'}
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
