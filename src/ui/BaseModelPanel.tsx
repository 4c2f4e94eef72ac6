import { GENERAL_SKILL_NAMES } from '../engine/data/skills';
import { useLabStore } from '../store/lab';
import { pct } from './format';

/** The base model's per-skill accuracy, measured in this browser before any training. */
export function BaseModelPanel() {
  const base = useLabStore((s) => s.base);
  const backend = useLabStore((s) => s.backend);
  if (!base) return <p className="muted">Evaluating the shipped base model on its held-out sets…</p>;
  const rows = Object.entries(base.scores);
  return (
    <div className="base-model">
      <table data-testid="base-scores">
        <caption>
          Base model, measured here on {backend?.name}: {base.params.toLocaleString()} parameters, evaluated in {base.ms.toFixed(0)} ms
        </caption>
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">Kind</th>
            <th scope="col">Exact match</th>
            <th scope="col">Per token</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([skill, s]) => (
            <tr key={skill} data-skill={skill}>
              <td>{skill}</td>
              <td>{GENERAL_SKILL_NAMES.includes(skill) ? 'general' : 'new task'}</td>
              <td className="acc">{pct(s.acc, 1)}</td>
              <td>{pct(s.tokenAcc, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
