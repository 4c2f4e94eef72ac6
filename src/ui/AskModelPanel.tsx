/**
 * "Ask the model": a prompt of one's own (skills: a skill and its digits;
 * text: any text), answered by the scenario's base model and by a chosen run
 * side by side, greedy or sampled at a temperature from a seed, with the
 * model's top five next symbols at every written position (AskAnswer.tsx).
 * A run is asked with its weights at its latest evaluation, which the worker
 * sends to the page as it trains (store/runWeightsStore.ts), so the answer
 * follows a live run, evaluation by evaluation. Runs from before a reload,
 * imported or shared have no weights here, and the panel says so.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AskResult } from '../engine/eval/askModel';
import type { EncodedPrompt, PromptFormat } from '../engine/scenarios/prompt';
import { describeScenario } from '../engine/scenarios/registry';
import type { ScenarioName } from '../engine/scenarios/names';
import type { Run } from '../runs/run';
import { useConfigStore } from '../store/configStore';
import { useLabStore } from '../store/lab';
import { useRunsStore } from '../store/runsStore';
import { KEPT_RUNS, useRunWeightsStore } from '../store/runWeightsStore';
import { AskAnswer } from './AskAnswer';
import './ask.css';

type Decoding = { greedy: true } | { greedy: false; temperature: number; seed: number };

/** A question as last asked: the prompt in the model's symbols and how to decode. */
interface Question {
  scenario: ScenarioName;
  prompt: Extract<EncodedPrompt, { ok: true }>;
  decoding: Decoding;
}

type Answer = { state: 'asking' } | { state: 'done'; result: AskResult; step?: number } | { state: 'error'; message: string } | { state: 'none'; message: string };

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Runs of the scenario on screen, live or not (whether their weights are here is said in the picker and when asked). */
const askable = (scenario: ScenarioName) => (r: Run) => r.config.scenario === scenario;

function PromptFields({ format, skill, setSkill, typed, setTyped, encoded, ids }: {
  format: PromptFormat;
  skill: string;
  setSkill: (s: string) => void;
  typed: string;
  setTyped: (s: string) => void;
  encoded: EncodedPrompt | null;
  ids: { skill: string; input: string; help: string };
}) {
  const help = encoded && !encoded.ok ? encoded.message : encoded?.ok ? `The model reads “${encoded.shown.replace(/\n/g, '⏎')}”.${encoded.note ? ` ${encoded.note}` : ''}` : '';
  const invalid = Boolean(encoded && !encoded.ok);
  if (format.kind === 'skill') {
    const choice = format.choices.find((c) => c.name === skill) ?? format.choices[0];
    const kind = choice.alphabet[0] === '0' ? 'Digits' : 'Letters';
    return (
      <div className="ask-fields">
        <div className="control">
          <label htmlFor={ids.skill}>Skill or task</label>
          <select id={ids.skill} value={choice.name} onChange={(e) => setSkill(e.target.value)} data-testid="ask-skill">
            <optgroup label="General skills (the base model learned them)">
              {format.choices.filter((c) => c.general).map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} {c.marker}
                </option>
              ))}
            </optgroup>
            <optgroup label="Tasks (new to the base model)">
              {format.choices.filter((c) => !c.general).map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} {c.marker}
                </option>
              ))}
            </optgroup>
          </select>
          <span className="help">{choice.describe}</span>
        </div>
        <div className={invalid ? 'control invalid' : 'control'}>
          <label htmlFor={ids.input}>
            {kind} ({choice.alphabet[0]}–{choice.alphabet.at(-1)}, up to {format.maxSymbols})
          </label>
          <input
            id={ids.input}
            className="ask-symbols-input"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={invalid}
            aria-describedby={ids.help}
            autoComplete="off"
            spellCheck={false}
            data-testid="ask-input"
          />
          <span className="help" id={ids.help} data-testid="ask-help">
            {help}
          </span>
        </div>
      </div>
    );
  }
  return (
    <div className={invalid ? 'control invalid' : 'control'}>
      <label htmlFor={ids.input}>Text for the model to continue (up to {format.maxChars} characters)</label>
      <textarea id={ids.input} rows={2} value={typed} onChange={(e) => setTyped(e.target.value)} aria-invalid={invalid} aria-describedby={ids.help} spellCheck={false} data-testid="ask-input" />
      <span className="help" id={ids.help} data-testid="ask-help">
        {help}
      </span>
    </div>
  );
}

function AnswerColumn({ title, answer, format, prompt, expected, testId }: { title: string; answer: Answer | null; format: PromptFormat; prompt: string; expected?: string; testId: string }) {
  let body;
  if (!answer) body = <p className="muted">Ask to see its answer.</p>;
  else if (answer.state === 'asking') body = <p className="muted">asking…</p>;
  else if (answer.state === 'error') body = <p className="error-text">Could not ask: {answer.message}</p>;
  else if (answer.state === 'none') body = <p className="muted">{answer.message}</p>;
  else {
    const written = answer.result.steps.map((s) => format.symbol(s.token)).join(format.separator);
    const right = expected === undefined ? null : written === expected;
    body = (
      <>
        <p className="ask-prompt">
          <strong>{prompt}</strong>
        </p>
        <AskAnswer format={format} result={answer.result} label={title} testId={`${testId}-answer`} />
        {right !== null && (
          <p className={right ? 'verdict-right' : 'verdict-wrong'} data-testid={`${testId}-verdict`}>
            {right ? '✓ right' : `✗ wrong (right: ${expected})`}
          </p>
        )}
      </>
    );
  }
  return (
    <div className="ask-column" data-testid={testId}>
      <h3>{title}</h3>
      {body}
    </div>
  );
}

export function AskModelPanel() {
  const scenario = useConfigStore((s) => s.config.scenario);
  const format = describeScenario(scenario).prompt;
  const ready = useLabStore((s) => s.phase === 'ready');
  const ids = { skill: useId(), input: useId(), help: useId(), run: useId(), temperature: useId(), seed: useId(), decoding: useId() };

  const [skill, setSkill] = useState('reverse');
  const [typed, setTyped] = useState<Partial<Record<ScenarioName, string>>>({});
  const text = typed[scenario] ?? (format.kind === 'skill' ? '3 8 1 5' : format.example);
  const encoded = useMemo(() => (format.kind === 'skill' ? format.encode({ skill, symbols: text }) : format.encode({ text })), [format, skill, text]);

  // Skills answers have one right answer: greedy. A character model decoded greedily loops ("the state the state"): text starts sampled.
  // Until one is chosen, so it follows a scenario a link turns to after the page has started.
  const [greedyChoice, setGreedy] = useState<boolean | null>(null);
  const greedy = greedyChoice ?? format.kind === 'skill';
  const [temperature, setTemperature] = useState(0.8);
  const [seed, setSeed] = useState(1);

  // The picker follows runs that start, finish, are renamed or removed, not every step.
  const runsKey = useRunsStore((s) => s.runs.filter(askable(scenario)).map((r) => `${r.id}:${r.name}:${r.status}`).join('|'));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const runs = useMemo(() => useRunsStore.getState().runs.filter(askable(scenario)).reverse(), [runsKey, scenario]);
  const kept = useRunWeightsStore((s) => Object.keys(s.byRun).join('|')).split('|');
  const [picked, setPicked] = useState<string>('');
  const live = runs.find((r) => r.status === 'running' || r.status === 'paused');
  // Unless one is picked: the run training now, else the newest whose weights are here, else the newest.
  const run = runs.find((r) => r.id === picked) ?? live ?? runs.find((r) => kept.includes(r.id)) ?? runs[0] ?? null;
  const weights = useRunWeightsStore((s) => (run ? s.byRun[run.id] : undefined));

  const [question, setQuestion] = useState<Question | null>(null);
  const [baseAnswer, setBaseAnswer] = useState<Answer | null>(null);
  const [runAnswer, setRunAnswer] = useState<Answer | null>(null);
  const asked = useRef({ base: 0, run: 0 });

  /** The question and run the run's answer on screen is for: a live run's newer weights refresh it in place, without "asking…" (focus stays on its symbol). */
  const answered = useRef<{ question: Question; runId: string } | null>(null);

  const ask = (weightsFor: Float32Array | null, q: Question, which: 'base' | 'run', set: (a: Answer) => void, step?: number, refresh = false) => {
    const mine = ++asked.current[which];
    if (!refresh) set({ state: 'asking' });
    const { decoding } = q;
    useLabStore
      .getState()
      .ask({ scenario: q.scenario, tokens: q.prompt.tokens, temperature: decoding.greedy ? 0 : decoding.temperature, seed: decoding.greedy ? 0 : decoding.seed, weights: weightsFor })
      .then(
        (result) => mine === asked.current[which] && set({ state: 'done', result, step }),
        (err) => mine === asked.current[which] && set({ state: 'error', message: messageOf(err) }),
      );
  };

  // The run's answer: again whenever the question, the run or its weights change (a live run's at each evaluation).
  useEffect(() => {
    if (!question || question.scenario !== scenario) return;
    if (!run || !weights) answered.current = null;
    if (!run) {
      setRunAnswer({ state: 'none', message: `No run of this scenario yet: start one to ask it too.` });
      return;
    }
    if (!weights) {
      const why = run.status === 'running' || run.status === 'paused' ? `${run.name} has not been evaluated yet: its answer comes at its first evaluation.` : `${run.name}'s weights are not kept: the page holds a run's weights only while it stays open, for the last ${KEPT_RUNS} runs trained in it (runs from before a reload, imported or shared have none). Re-run it to ask it.`;
      asked.current.run++;
      setRunAnswer({ state: 'none', message: why });
      return;
    }
    const refresh = answered.current?.question === question && answered.current.runId === run.id;
    answered.current = { question, runId: run.id };
    ask(weights.weights, question, 'run', setRunAnswer, weights.step, refresh);
  }, [question, run, weights, scenario]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!encoded.ok) return;
    const q: Question = { scenario, prompt: encoded, decoding: greedy ? { greedy: true } : { greedy: false, temperature, seed } };
    setQuestion(q);
    ask(null, q, 'base', setBaseAnswer);
  };

  const current = question && question.scenario === scenario ? question : null;
  const runTitle = run ? `${run.name}${runAnswer?.state === 'done' && runAnswer.step !== undefined ? `, step ${runAnswer.step}` : ''}${run.status === 'running' ? ' (live)' : ''}` : 'A run';
  const shownPrompt = current ? current.prompt.shown : '';
  return (
    <div className="ask-panel" data-testid="ask-panel">
      <form onSubmit={submit} className="ask-form">
        <PromptFields format={format} skill={skill} setSkill={setSkill} typed={text} setTyped={(v) => setTyped((t) => ({ ...t, [scenario]: v }))} encoded={encoded} ids={ids} />
        <div className="ask-settings">
          <div className="control">
            <label htmlFor={ids.run}>Run to compare</label>
            <select id={ids.run} value={run?.id ?? ''} onChange={(e) => setPicked(e.target.value)} disabled={!runs.length} data-testid="ask-run">
              {!runs.length && <option value="">no runs yet</option>}
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                  {r.status === 'running' ? ' (live)' : kept.includes(r.id) ? '' : ' (weights not kept)'}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="ask-decoding">
            <legend>Decoding</legend>
            <label>
              <input type="radio" name={ids.decoding} checked={greedy} onChange={() => setGreedy(true)} data-testid="ask-greedy" /> greedy (most probable symbol)
            </label>
            <label>
              <input type="radio" name={ids.decoding} checked={!greedy} onChange={() => setGreedy(false)} data-testid="ask-sampled" /> sampled
            </label>
            {!greedy && (
              <span className="ask-sampling">
                <label htmlFor={ids.temperature}>temperature</label>
                <input
                  id={ids.temperature}
                  type="range"
                  min={0.1}
                  max={2}
                  step={0.1}
                  value={temperature}
                  onChange={(e) => setTemperature(Number(e.target.value))}
                  aria-valuetext={temperature.toFixed(1)}
                  data-testid="ask-temperature"
                />
                <output htmlFor={ids.temperature}>{temperature.toFixed(1)}</output>
                <label htmlFor={ids.seed}>seed</label>
                <input id={ids.seed} className="number" type="number" min={0} step={1} value={seed} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} data-testid="ask-seed" />
              </span>
            )}
          </fieldset>
          <button type="submit" disabled={!encoded.ok || !ready} data-testid="ask-submit">
            Ask
          </button>
          {!ready && <span className="muted"> (once the lab has started)</span>}
        </div>
      </form>
      <p className="muted ask-note">
        Hover or focus a written symbol (Tab to an answer, then the arrow keys) to see the model’s five most probable next symbols there, at temperature 1; sampling draws from them
        sharpened (temperature below 1) or flattened (above 1). The same seed draws the same answer.
      </p>
      <p className="sr-only" aria-live="polite" data-testid="ask-status">
        {[['Base model', baseAnswer], [runTitle, runAnswer]]
          .map(([who, a]) => (current && a && typeof a === 'object' && a.state === 'done' ? `${who as string} answered ${a.result.steps.map((st) => format.symbolName(st.token)).join(' ')}.` : ''))
          .join(' ')}
      </p>
      <div className="ask-columns">
        <AnswerColumn title="Base model" answer={current ? baseAnswer : null} format={format} prompt={shownPrompt} expected={current?.prompt.expected} testId="ask-base" />
        <AnswerColumn title={runTitle} answer={current ? runAnswer : null} format={format} prompt={shownPrompt} expected={current?.prompt.expected} testId="ask-run-column" />
      </div>
    </div>
  );
}
