import { describeScenario } from '../../engine/scenarios/registry';
import { useEffect, useId, useMemo, useRef } from 'react';
import { flattenConfig } from '../../engine/config/keys';
import { settingText } from '../../engine/config/naming';
import { findPreset } from '../../engine/config/presets';
import type { ExperimentConfig } from '../../engine/config/schema';
import { glossaryEntry, type GlossaryEntry } from '../../teach/glossary';
import type { Lesson, LessonStep } from '../../teach/lesson';
import { findLesson, LESSONS } from '../../teach/lessons';
import { leversChanged, stepState, type StepSetup, type StepState } from '../../teach/stepRun';
import { useConfigStore } from '../../store/configStore';
import { chooseTextIfNone } from '../../store/customTexts';
import { CUSTOM_DOMAIN } from '../../engine/scenarios/text/customText';
import { isHeld } from '../../share/heldSections';
import { CustomTextPanel } from '../CustomTextPanel';
import { resetLesson, setUpRefusal, useLessonStore } from '../../store/lessonStore';
import { useRunsStore } from '../../store/runsStore';
import { useViewStore } from '../../store/viewStore';
import { GlossaryLinks } from './GlossaryLink';
import './lessons.css';

const settingsText = (keys: readonly string[], config: ExperimentConfig) => keys.map((k) => settingText(k, flattenConfig(config)[k], config)).join(', ');

/**
 * What a step's run uses, in words: the preset's title and any settings on
 * top; a setting of the scenario's task (its domain, in text) reads "but on …",
 * since the preset's title names another ("Code: ignore forgetting, but on own text").
 */
function setupText(step: LessonStep, lesson: Lesson): string {
  if (!step.setup) return '';
  const title = findPreset(step.setup.preset)?.title ?? step.setup.preset;
  const taskKey = describeScenario(lesson.scenario).task.key;
  const settings = Object.entries(step.setup.settings ?? {});
  const task = settings.filter(([k]) => k === taskKey).map(([k, v]) => `but on ${settingText(k, v)}`);
  const extra = settings.filter(([k]) => k !== taskKey).map(([k, v]) => settingText(k, v));
  return [title, ...task, ...extra].join(', ');
}

/** Where the step stands, in a sentence or two, or its answer. */
function StateView({ state, step, setup, lesson }: { state: StepState; step: LessonStep; setup: StepSetup | undefined; lesson: Lesson }) {
  const config = useConfigStore((s) => s.config);
  switch (state.kind) {
    case 'not-set-up':
      return <p>Press “Set up this run”, then Start.</p>;
    case 'waiting': {
      const changed = setup ? leversChanged(config, setup.config) : [];
      return changed.length ? (
        <p className="lesson-warning">
          Your settings now differ from this step’s ({settingsText(changed, config)}). Press “Set up this run” again to go back to them.
        </p>
      ) : (
        <p>
          Ready: press <strong>Start</strong> below. The answer appears here when the run finishes.
        </p>
      );
    }
    case 'running':
      return (
        <p>
          Running: step {state.step} of {state.total}. The answer appears here when it finishes.
        </p>
      );
    case 'cut-short':
      return <p className="lesson-warning">{state.message}</p>;
    case 'needs': {
      const names = state.steps.map((id) => {
        const i = lesson.steps.findIndex((s) => s.id === id);
        return `step ${i + 1} (${lesson.steps[i].title})`;
      });
      if (step.needs !== undefined && step.needs < (step.uses?.length ?? 0)) {
        return (
          <p>
            This step compares your finished runs from the earlier steps, at least {step.needs} of them. Not run yet: {names.join(', ')}.
          </p>
        );
      }
      return <p>This step compares with your run from {names.join(', ')}. Finish that run first, then come back.</p>;
    }
    case 'answered':
      return (
        <div className="lesson-answer" data-testid="lesson-answer">
          <p>
            <strong>Answer{state.run ? `, from your run “${state.run.name}”` : ', from your runs'}:</strong> {state.answer.text}
          </p>
          {state.answer.details.length > 0 && (
            <ul>
              {state.answer.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
          {state.notes.map((n) => (
            <p key={n} className="lesson-note">
              {n}
            </p>
          ))}
        </div>
      );
  }
}

function StepView({ lesson, index, state, setup }: { lesson: Lesson; index: number; state: StepState; setup: StepSetup | undefined }) {
  const step = lesson.steps[index];
  const held = useViewStore((s) => s.heldGroups);
  const scenario = useConfigStore((s) => s.config.scenario);
  const domain = useConfigStore((s) => s.config.domain);
  const refusal = setUpRefusal(step, scenario, held);
  const switches = step.setup && findPreset(step.setup.preset)?.scenario !== scenario;
  const setUp = useLessonStore((s) => s.setUp);
  // A step on a text of one's own takes the text given last, or the built-in example, until the participant gives theirs.
  const setUpStep = (which: LessonStep) => {
    if (!('refused' in setUp(which))) void chooseTextIfNone();
  };
  const onOwnText = Boolean(setup && step.setup?.settings?.domain === CUSTOM_DOMAIN && domain === CUSTOM_DOMAIN);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // A new step takes focus, so a screen reader reads it; the first render does not steal focus.
  useEffect(() => {
    if (first.current) first.current = false;
    else heading.current?.focus();
  }, [index]);
  const terms = (step.terms ?? []).map(glossaryEntry).filter((e): e is GlossaryEntry => Boolean(e));
  const config = setup?.config;
  return (
    <div className="lesson-step" data-testid="lesson-step" data-step={step.id}>
      <h3 ref={heading} tabIndex={-1}>
        Step {index + 1} of {lesson.steps.length}: {step.title}
      </h3>
      <p>{step.brief}</p>
      <p className="lesson-question" data-testid="lesson-question">
        <strong>Question:</strong> {step.question}
      </p>
      {step.setup && (
        <p className="lesson-setup">
          <button type="button" className="primary" onClick={() => setUpStep(step)} disabled={refusal !== null} data-testid="lesson-setup">
            Set up this run
          </button>{' '}
          <span className="muted">
            Settings: {setupText(step, lesson)};{' '}
            {switches ? `this switches to the ${describeScenario(lesson.scenario).label} scenario, with its own steps and evaluations; your seed stays.` : 'your steps and seed stay as they are.'}
          </span>
        </p>
      )}
      {refusal && <p className="lesson-warning">{refusal}</p>}
      {onOwnText && (
        <div className="lesson-own-text" data-testid="lesson-own-text">
          <CustomTextPanel disabled={isHeld('domain', held)} />
        </div>
      )}
      {config && setup.kept.length > 0 && <p className="lesson-note">Locked or hidden by your instructor, left as they were: {settingsText(setup.kept, config)}.</p>}
      {/* Announced when it changes to an answer or a problem; the running step count is not, it changes too often. */}
      <div className="lesson-state" data-testid="lesson-state" aria-live={state.kind === 'running' ? 'off' : 'polite'}>
        <StateView state={state} step={step} setup={setup} lesson={lesson} />
      </div>
      <GlossaryLinks entries={terms} label="Words for this step" />
    </div>
  );
}

function OpenLesson({ lesson }: { lesson: Lesson }) {
  const progress = useLessonStore((s) => s.progress[lesson.id]);
  const { goTo, setOpen } = useLessonStore.getState();
  const runs = useRunsStore((s) => s.runs);
  const setups = useMemo(() => progress?.setups ?? {}, [progress]);
  const states = useMemo(() => lesson.steps.map((step) => stepState(step, setups, runs)), [lesson, setups, runs]);
  const index = progress?.step ?? 0;
  return (
    <>
      <p className="lesson-name">
        {lesson.title}. {lesson.summary}
      </p>
      <ol className="lesson-steps" aria-label="Lesson steps">
        {lesson.steps.map((step, i) => (
          <li key={step.id}>
            <button type="button" className="small" aria-current={i === index ? 'step' : undefined} onClick={() => goTo(i)} data-testid="lesson-step-button">
              {i + 1}. {step.title}
              {states[i].kind === 'answered' && (
                <>
                  <span aria-hidden="true"> ✓</span>
                  <span className="sr-only"> (answered)</span>
                </>
              )}
            </button>
          </li>
        ))}
      </ol>
      <StepView lesson={lesson} index={index} state={states[index]} setup={setups[lesson.steps[index].id]} />
      <div className="lesson-nav">
        <button type="button" onClick={() => goTo(index - 1)} disabled={index === 0}>
          Previous step
        </button>
        <button type="button" onClick={() => goTo(index + 1)} disabled={index === lesson.steps.length - 1} data-testid="lesson-next">
          Next step
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Hide the lesson
        </button>
        <button type="button" className="secondary" onClick={resetLesson} data-testid="lesson-reset">
          Reset progress
        </button>
      </div>
    </>
  );
}

/**
 * The guided lesson, at the top of the main column: one line while closed,
 * the current step (its run, its question, and the answer from the
 * participant's own runs) while open. Progress is kept across reloads.
 */
export function LessonMount() {
  const open = useLessonStore((s) => s.open);
  const lessonId = useLessonStore((s) => s.lessonId);
  const progress = useLessonStore((s) => s.progress[s.lessonId]);
  const lesson = findLesson(lessonId) ?? LESSONS[0];
  const started = Boolean(progress && (progress.step > 0 || Object.keys(progress.setups).length > 0));
  const pickerId = useId();
  return (
    <section className={`lesson${open ? '' : ' closed'}`} aria-labelledby="lesson-title" data-testid="lesson">
      <div className="lesson-head">
        <h2 id="lesson-title" tabIndex={-1}>
          Guided lesson
        </h2>
        {LESSONS.length > 1 && (
          <span className="lesson-picker">
            <label htmlFor={pickerId}>Lesson</label>{' '}
            <select id={pickerId} value={lesson.id} onChange={(e) => useLessonStore.getState().choose(e.target.value)} data-testid="lesson-picker">
              {LESSONS.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.title} ({describeScenario(l.scenario).label})
                </option>
              ))}
            </select>
          </span>
        )}
        {!open && (
          <>
            <span className="muted">
              {lesson.title}. {lesson.summary}
            </span>
            <button type="button" onClick={() => useLessonStore.getState().setOpen(true)} data-testid="lesson-open">
              {started ? `Continue the lesson (step ${(progress?.step ?? 0) + 1} of ${lesson.steps.length})` : 'Start the lesson'}
            </button>
          </>
        )}
      </div>
      {open && <OpenLesson lesson={lesson} />}
    </section>
  );
}
