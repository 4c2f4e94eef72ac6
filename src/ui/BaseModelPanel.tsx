import { useEffect } from 'react';
import { GENERAL_SKILL_NAMES } from '../engine/scenarios/skills/skills';
import { describeScenario } from '../engine/scenarios/registry';
import { useConfigStore } from '../store/configStore';
import { useLabStore } from '../store/lab';
import type { BaseModelReport } from '../worker/protocol';
import { wordPieces } from './answerMarks';
import { baseAcc, pct } from './format';
import { MarkedText } from './MarkedText';
import './generations.css';

function Caption({ base, backend, what }: { base: BaseModelReport; backend: string | undefined; what: string }) {
  return (
    <caption>
      {what}, measured here on {backend}: {base.params.toLocaleString()} parameters, evaluated in {base.ms.toFixed(0)} ms
    </caption>
  );
}

/** The skills base model: exact match and per-token accuracy per skill and task. */
function SkillsBase({ base, backend }: { base: BaseModelReport; backend: string | undefined }) {
  const general = base.general ?? GENERAL_SKILL_NAMES;
  return (
    <table data-testid="base-scores">
      <Caption base={base} backend={backend} what="Base model" />
      <thead>
        <tr>
          <th scope="col">Skill</th>
          <th scope="col">Kind</th>
          <th scope="col">Exact match</th>
          <th scope="col">Per token</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(base.scores).map(([skill, s]) => (
          <tr key={skill} data-skill={skill}>
            <td>{skill}</td>
            <td>{general.includes(skill) ? 'general' : 'new task'}</td>
            <td className="acc">{baseAcc(s.acc)}</td>
            <td>{pct(s.tokenAcc, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The text base model: next-character accuracy and bits per character per genre and domain, and what it writes. */
function TextBase({ base, backend }: { base: BaseModelReport; backend: string | undefined }) {
  const general = base.general ?? [];
  return (
    <>
      <table data-testid="text-base-scores">
        <Caption base={base} backend={backend} what="English base model (character level)" />
        <thead>
          <tr>
            <th scope="col">Held-out text</th>
            <th scope="col">Kind</th>
            <th scope="col">Next-character accuracy</th>
            <th scope="col">Bits per character</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(base.scores).map(([source, s]) => (
            <tr key={source} data-source={source}>
              <td>{source}</td>
              <td>{general.includes(source) ? 'general prose' : 'domain'}</td>
              <td className="acc">{baseAcc(s.acc)}</td>
              <td className="bpc">{s.bpc?.toFixed(2) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        What it writes after the runs’ prompts (sampled at temperature 0.8; made-up words marked):{' '}
        {base.realWords !== undefined && <strong data-testid="text-base-real-words">{pct(base.realWords)} real words</strong>}
      </p>
      <div className="text-base-samples generations">
        {base.samples.map((s, i) => (
          <p key={i} className="continuation">
            <strong>{s.prompt}</strong>
            <MarkedText pieces={wordPieces(s.answer, s.nonWords)} />
          </p>
        ))}
      </div>
    </>
  );
}

/** The base model of the config's scenario, measured in this browser before any training. */
export function BaseModelPanel() {
  const scenario = useConfigStore((s) => s.config.scenario);
  const descriptor = describeScenario(scenario);
  const base = useLabStore((s) => s.bases[scenario] ?? null);
  const backend = useLabStore((s) => s.backend);
  const phase = useLabStore((s) => s.phase);
  // The text model is scored when it is first needed; this asks again if the lab connected after the switch.
  useEffect(() => {
    if (phase === 'ready' && !base) void useLabStore.getState().measureBase(scenario);
  }, [phase, base, scenario]);
  if (!base) {
    return (
      <p className="muted">
        Loading and evaluating {descriptor.modelLabel} on {descriptor.metrics.heldOut}…
      </p>
    );
  }
  const Table = descriptor.samples === 'continuations' ? TextBase : SkillsBase;
  return (
    <div className="base-model">
      <Table base={base} backend={backend?.name} />
    </div>
  );
}
