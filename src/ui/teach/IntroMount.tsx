import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { presetsFor } from '../../engine/config/presets';
import type { ScenarioDescriptor } from '../../engine/scenarios/descriptor';
import { describeScenario, taskOf } from '../../engine/scenarios/registry';
import { GENERAL_SKILLS, TASKS } from '../../engine/scenarios/skills/skills';
import type { Sample } from '../../engine/eval/samples';
import { STRATEGIES } from '../../teach/strategies';
import { useConfigStore } from '../../store/configStore';
import { useIntroStore } from '../../store/introStore';
import { useLabStore } from '../../store/lab';
import { useLessonStore } from '../../store/lessonStore';
import type { BaseModelReport } from '../../worker/protocol';
import { baseAcc } from '../format';
import { SECTION_TITLES } from '../controls/controlSpecs';
import { GlossaryLink } from './GlossaryLink';
import './intro.css';

const whatItDoes = (skill: string) => [...GENERAL_SKILLS, ...TASKS].find((s) => s.name === skill)?.describe.split(':')[0];

/** The base model's answer to a prompt, marked right or wrong in words, not colour alone. */
function AnswerCell({ sample }: { sample: Sample }) {
  const right = sample.answer === sample.expected;
  return (
    <td className={right ? 'right' : 'wrong'}>
      <code>{sample.answer || '(nothing)'}</code> {right ? '✓ right' : `✗ wrong (right: ${sample.expected})`}
    </td>
  );
}

/** Until the worker has measured the base model, a line that says what is coming. */
function Waiting() {
  const failed = useLabStore((s) => s.phase === 'failed');
  return <p className="muted">{failed ? 'The lab could not start here, so the base model cannot answer yet.' : 'The base model is answering in your browser now…'}</p>;
}

interface PageProps {
  base: BaseModelReport | null;
  scenario: ScenarioDescriptor;
}

/** Answers to prompts: one question per ability, the base model's answer and its accuracy on the test set. */
function AnswerAbilities({ base, scenario }: { base: BaseModelReport; scenario: ScenarioDescriptor }) {
  const abilities = generalOf(base);
  return (
    <>
      <table className="intro-table" data-testid="intro-skills">
        <thead>
          <tr>
            <th scope="col">{capitalised(scenario.metrics.ability)}</th>
            <th scope="col">Question</th>
            <th scope="col">Base model’s answer</th>
            <th scope="col">Right on the test set</th>
          </tr>
        </thead>
        <tbody>
          {abilities.map((skill) => {
            const sample = base.samples.find((s) => s.skill === skill);
            return (
              <tr key={skill} data-skill={skill}>
                <th scope="row">
                  {skill}
                  {whatItDoes(skill) && <span className="muted"> ({whatItDoes(skill)})</span>}
                </th>
                <td>{sample ? <code>{sample.prompt}</code> : '—'}</td>
                {sample ? <AnswerCell sample={sample} /> : <td>—</td>}
                <td>{baseAcc(base.scores[skill].acc)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">
        “Right on the test set”: <GlossaryLink id="exact-match" /> on {scenario.evalSize} <GlossaryLink id="held-out-set">held-out</GlossaryLink> questions per {scenario.metrics.ability}.
      </p>
    </>
  );
}

/** Continuations: each ability's next-character accuracy and bits per character, and what the model writes. */
function ContinuationAbilities({ base, scenario }: { base: BaseModelReport; scenario: ScenarioDescriptor }) {
  const abilities = generalOf(base);
  return (
    <>
      <table className="intro-table" data-testid="intro-skills">
        <thead>
          <tr>
            <th scope="col">{capitalised(scenario.metrics.ability)}</th>
            <th scope="col">{capitalised(scenario.metrics.accuracy)}</th>
            {scenario.metrics.bitsPerCharacter && <th scope="col">Bits per character</th>}
          </tr>
        </thead>
        <tbody>
          {abilities.map((genre) => (
            <tr key={genre} data-skill={genre}>
              <th scope="row">{genre}</th>
              <td>{baseAcc(base.scores[genre].acc)}</td>
              {scenario.metrics.bitsPerCharacter && <td>{base.scores[genre].bpc?.toFixed(2) ?? '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <p>What it writes now, continuing a prompt:</p>
      <ul className="intro-samples" data-testid="intro-samples">
        {base.samples.slice(0, 2).map((s, i) => (
          <li key={i}>
            <code>
              <strong>{s.prompt}</strong>
              {s.answer}
            </code>
          </li>
        ))}
      </ul>
      <p className="muted">Measured on {scenario.evalSize} held-out windows of text per {scenario.metrics.ability}.</p>
    </>
  );
}

/** The general abilities the report scored, in its order. */
const generalOf = (base: BaseModelReport) => (base.general ?? []).filter((s) => base.scores[s]);

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function AbilitiesPage({ base, scenario }: PageProps) {
  if (!base) return <Waiting />;
  const count = generalOf(base).length;
  return (
    <>
      <p>{scenario.intro.abilitiesLead.replace('{n}', String(count))}</p>
      {scenario.samples === 'answers' ? <AnswerAbilities base={base} scenario={scenario} /> : <ContinuationAbilities base={base} scenario={scenario} />}
    </>
  );
}

function TaskPage({ base, scenario }: PageProps) {
  const config = useConfigStore((s) => s.config);
  const task = taskOf(config);
  const taskWords = scenario.task.words[task] ?? task;
  const what = whatItDoes(task);
  const samples = scenario.samples === 'answers' ? (base?.samples.filter((s) => s.skill === task) ?? []) : [];
  const before = base?.scores[task];
  return (
    <>
      <p>
        {scenario.intro.taskLead} Now: <strong>{taskWords}</strong>
        {what ? `, ${what}` : ''}.
      </p>
      {!base && <Waiting />}
      {samples.length > 0 && (
        <table className="intro-table" data-testid="intro-task">
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Right answer</th>
              <th scope="col">Base model’s answer</th>
            </tr>
          </thead>
          <tbody>
            {samples.map((s) => (
              <tr key={s.prompt}>
                <td>
                  <code>{s.prompt}</code>
                </td>
                <td>
                  <code>{s.expected}</code>
                </td>
                <AnswerCell sample={s} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {before && (
        <p data-testid="intro-task-before">
          Before training the base model scores {baseAcc(before.acc)} {scenario.metrics.accuracy} on it
          {scenario.metrics.bitsPerCharacter && before.bpc !== undefined ? ` (${before.bpc.toFixed(2)} bits per character)` : ''}. Choose another {scenario.metrics.task} under “{SECTION_TITLES.task}” in the settings.
        </p>
      )}
    </>
  );
}

function NumbersPage({ base, scenario }: PageProps) {
  const task = taskOf(useConfigStore((s) => s.config));
  const general = base ? generalOf(base).map((s) => base.scores[s].acc) : [];
  const generalBefore = general.length ? general.reduce((a, b) => a + b, 0) / general.length : null;
  return (
    <>
      <p>Every run ends with two numbers, in <GlossaryLink id="points" />:</p>
      <dl className="intro-numbers">
        <div>
          <dt>
            <GlossaryLink id="task-gain">Task gain</GlossaryLink>
          </dt>
          <dd>
            = {scenario.metrics.accuracy} on the {scenario.metrics.task} after training − before.
            {base?.scores[task] && <> Before: {baseAcc(base.scores[task].acc)}.</>} Higher is better.
          </dd>
        </div>
        <div>
          <dt>
            <GlossaryLink id="forgetting">Forgetting</GlossaryLink>
          </dt>
          <dd>
            = mean {scenario.metrics.accuracy} on {scenario.metrics.general} before training − after.
            {generalBefore !== null && <> Before: {baseAcc(generalBefore)}.</>} Lower is better.
          </dd>
        </div>
      </dl>
      <p>{scenario.intro.accuracyNote}</p>
    </>
  );
}

function StrategiesPage({ scenario }: PageProps) {
  const presets = presetsFor(scenario.name);
  return (
    <>
      <p>
        Five ways to deal with forgetting. Each is a button under “{SECTION_TITLES.presets}” in the settings (keys 1–{presets.length}):
      </p>
      <ol className="intro-strategies" data-testid="intro-strategies">
        {STRATEGIES.map((s) => {
          const preset = presets.find((p) => p.lever === s.lever);
          return (
            <li key={s.lever}>
              <strong>
                <GlossaryLink id={s.term}>{s.name}</GlossaryLink>
              </strong>{' '}
              – {s.what} {preset && <span className="muted">(“{preset.title}”)</span>}
            </li>
          );
        })}
      </ol>
    </>
  );
}

const PAGES: { title: (scenario: ScenarioDescriptor) => string; body: (props: PageProps) => ReactNode }[] = [
  {
    title: () => 'What is catastrophic forgetting?',
    body: ({ base }) => (
      <>
        <p>
          A language model learns several abilities in pre-training. Training it further on something new – <GlossaryLink id="fine-tuning">fine-tuning</GlossaryLink> on a small task, or{' '}
          <GlossaryLink id="continual-pretraining">continual pre-training</GlossaryLink> on a large new body of text – makes it better at the new thing and often worse at the old ones.
          When the old abilities collapse, that is <GlossaryLink id="catastrophic-forgetting">catastrophic forgetting</GlossaryLink>.
        </p>
        <p>
          Here a small model{base ? ` (${base.params.toLocaleString('en')} parameters)` : ''} trains inside your browser, so you can watch it forget, and try five ways to stop it.
        </p>
      </>
    ),
  },
  { title: (scenario) => scenario.intro.abilitiesTitle, body: (props) => <AbilitiesPage {...props} /> },
  { title: (scenario) => `The new ${scenario.metrics.task}`, body: (props) => <TaskPage {...props} /> },
  { title: () => 'Two numbers', body: (props) => <NumbersPage {...props} /> },
  { title: () => 'Five ways to fight it', body: (props) => <StrategiesPage {...props} /> },
];

/**
 * The first-time introduction: a short card above the lab, open on a first
 * visit, skippable at any page (Esc too), and reopened by its button. It sits
 * in the page rather than over it, so nothing is blocked while it is open.
 */
export function IntroMount() {
  const { open, page, show, close, setPage } = useIntroStore();
  const scenarioName = useConfigStore((s) => s.config.scenario);
  const scenario = describeScenario(scenarioName);
  const base = useLabStore((s) => s.bases[scenarioName] ?? null);
  const heading = useRef<HTMLHeadingElement>(null);
  const pageHeading = useRef<HTMLHeadingElement>(null);
  const reopen = useRef<HTMLButtonElement>(null);
  // Focus follows the reader: to the card when it is reopened, to the new page's heading, back to the button when closed.
  const moved = useRef<'opened' | 'paged' | 'closed' | null>(null);
  useEffect(() => {
    const why = moved.current;
    moved.current = null;
    if (why === 'opened') heading.current?.focus();
    else if (why === 'paged') pageHeading.current?.focus();
    else if (why === 'closed') reopen.current?.focus();
  }, [open, page]);

  const finish = () => {
    moved.current = 'closed';
    close();
  };
  const go = (to: number) => {
    moved.current = 'paged';
    setPage(to);
  };

  if (!open) {
    return (
      <p className="intro-reopen">
        <button
          ref={reopen}
          type="button"
          className="link"
          onClick={() => {
            moved.current = 'opened';
            show();
          }}
          data-testid="intro-open"
        >
          What is this lab? Read the introduction
        </button>
      </p>
    );
  }

  const last = page === PAGES.length - 1;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    // Esc here closes the introduction, and does not also stop a run (the page's shortcut).
    e.stopPropagation();
    finish();
  };
  return (
    <section className="intro" aria-labelledby="intro-title" data-testid="intro" onKeyDown={onKeyDown}>
      <div className="intro-head">
        <h2 id="intro-title" ref={heading} tabIndex={-1}>
          New here? A one-minute introduction
        </h2>
        <button type="button" className="small" onClick={finish} data-testid="intro-skip">
          Skip the introduction
        </button>
      </div>
      <h3 ref={pageHeading} tabIndex={-1} data-testid="intro-page-title">
        {page + 1} of {PAGES.length}: {PAGES[page].title(scenario)}
      </h3>
      <div className="intro-body">{PAGES[page].body({ base, scenario })}</div>
      <div className="intro-nav">
        <button type="button" onClick={() => go(page - 1)} disabled={page === 0}>
          Back
        </button>
        {last ? (
          <>
            <button
              type="button"
              className="primary"
              onClick={() => {
                finish();
                useLessonStore.getState().setOpen(true);
                moved.current = null;
                // The lesson's heading, once it has rendered open.
                requestAnimationFrame(() => document.getElementById('lesson-title')?.focus());
              }}
              data-testid="intro-lesson"
            >
              Start the guided lesson
            </button>
            <button type="button" onClick={finish} data-testid="intro-done">
              Explore on my own
            </button>
          </>
        ) : (
          <button type="button" className="primary" onClick={() => go(page + 1)} data-testid="intro-next">
            Next
          </button>
        )}
      </div>
    </section>
  );
}
