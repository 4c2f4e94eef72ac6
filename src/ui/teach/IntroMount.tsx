import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { findPreset } from '../../engine/config/presets';
import { GENERAL_SKILL_NAMES, GENERAL_SKILLS, TASKS } from '../../engine/scenarios/skills/skills';
import type { Sample } from '../../engine/eval/samples';
import { STRATEGIES } from '../../teach/strategies';
import { useConfigStore } from '../../store/configStore';
import { useIntroStore } from '../../store/introStore';
import { useLabStore } from '../../store/lab';
import { useLessonStore } from '../../store/lessonStore';
import type { BaseModelReport } from '../../worker/protocol';
import { pct } from '../format';
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

function SkillsPage({ base }: { base: BaseModelReport | null }) {
  if (!base) return <Waiting />;
  const skills = GENERAL_SKILL_NAMES.filter((s) => base.scores[s]);
  return (
    <>
      <p>It was trained on {skills.length} skills. Here is one question for each, and what it answers right now, in your browser:</p>
      <table className="intro-table" data-testid="intro-skills">
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">Question</th>
            <th scope="col">Base model’s answer</th>
            <th scope="col">Right on the test set</th>
          </tr>
        </thead>
        <tbody>
          {skills.map((skill) => {
            const sample = base.samples.find((s) => s.skill === skill);
            return (
              <tr key={skill} data-skill={skill}>
                <th scope="row">
                  {skill}
                  <span className="muted"> ({whatItDoes(skill)})</span>
                </th>
                <td>{sample ? <code>{sample.prompt}</code> : '—'}</td>
                {sample ? <AnswerCell sample={sample} /> : <td>—</td>}
                <td>{pct(base.scores[skill].acc, 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">
        “Right on the test set”: <GlossaryLink id="exact-match" /> on 128 <GlossaryLink id="held-out-set">held-out</GlossaryLink> questions per skill.
      </p>
    </>
  );
}

function TaskPage({ base }: { base: BaseModelReport | null }) {
  const task = useConfigStore((s) => s.config.task);
  const skill = TASKS.find((t) => t.name === task);
  const samples = base?.samples.filter((s) => s.skill === task) ?? [];
  return (
    <>
      <p>
        A run trains the model on a new task it has never seen. Now: <strong>{task}</strong>, {skill?.describe.split(':')[0]}.
      </p>
      {base ? (
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
      ) : (
        <Waiting />
      )}
      {base?.scores[task] && <p>Before training the base model gets {pct(base.scores[task].acc, 0)} of these right. Choose another task under “Task” in the settings.</p>}
    </>
  );
}

function NumbersPage({ base }: { base: BaseModelReport | null }) {
  const task = useConfigStore((s) => s.config.task);
  const general = base ? GENERAL_SKILL_NAMES.filter((s) => base.scores[s]).map((s) => base.scores[s].acc) : [];
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
            = task accuracy after training − before.
            {base?.scores[task] && <> Before: {pct(base.scores[task].acc, 1)}.</>} Higher is better.
          </dd>
        </div>
        <div>
          <dt>
            <GlossaryLink id="forgetting">Forgetting</GlossaryLink>
          </dt>
          <dd>
            = mean accuracy on the general skills before training − after.
            {generalBefore !== null && <> Before: {pct(generalBefore, 1)}.</>} Lower is better.
          </dd>
        </div>
      </dl>
      <p>Accuracy counts an answer only if all of it is right.</p>
    </>
  );
}

function StrategiesPage() {
  return (
    <>
      <p>Five ways to deal with forgetting. Each has a button under “Strategy presets” in the settings:</p>
      <ol className="intro-strategies">
        {STRATEGIES.map((s) => (
          <li key={s.preset}>
            <strong>
              <GlossaryLink id={s.term}>{s.name}</GlossaryLink>
            </strong>{' '}
            – {s.what} <span className="muted">(“{findPreset(s.preset)?.title}”)</span>
          </li>
        ))}
      </ol>
    </>
  );
}

const PAGES: { title: string; body: (base: BaseModelReport | null) => ReactNode }[] = [
  {
    title: 'What is catastrophic forgetting?',
    body: (base) => (
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
  { title: 'What the base model can do', body: (base) => <SkillsPage base={base} /> },
  { title: 'The new task', body: (base) => <TaskPage base={base} /> },
  { title: 'Two numbers', body: (base) => <NumbersPage base={base} /> },
  { title: 'Five ways to fight it', body: () => <StrategiesPage /> },
];

/**
 * The first-time introduction: a short card above the lab, open on a first
 * visit, skippable at any page (Esc too), and reopened by its button. It sits
 * in the page rather than over it, so nothing is blocked while it is open.
 */
export function IntroMount() {
  const { open, page, show, close, setPage } = useIntroStore();
  const base = useLabStore((s) => s.bases.skills ?? null);
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
        {page + 1} of {PAGES.length}: {PAGES[page].title}
      </h3>
      <div className="intro-body">{PAGES[page].body(base)}</div>
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
