/**
 * What a guided lesson is: a list of short steps, each setting up a run (a
 * strategy preset plus settings), asking a question, and answering it from
 * the participant's own finished runs. Lessons are data (lessons.ts), so a
 * new one (another scenario, another lever) is a new entry, not new UI.
 */
import type { ScenarioName } from '../engine/scenarios/names';
import type { Run } from '../runs/run';

/** An answer in plain words, every number in it read from the runs. */
export interface Answer {
  text: string;
  /** The numbers behind it, one short line each. */
  details: string[];
}

/** The finished runs an answer reads. */
interface AnswerInput {
  /** This step's run; null for a step that sets up no run. */
  run: Run | null;
  /** Finished runs of the earlier steps this one uses, by step id. */
  earlier: Readonly<Record<string, Run>>;
}

export interface LessonStep {
  id: string;
  title: string;
  /** What the run does and what to watch, in two or three short sentences. */
  brief: string;
  /** The run: a strategy preset, then settings on top. null: the step reads earlier runs only. */
  setup: { preset: string; settings?: Readonly<Record<string, unknown>> } | null;
  question: string;
  /** Earlier steps whose finished runs the answer compares with. */
  uses?: readonly string[];
  /** How many of `uses` must have a finished run (all of them unless given). */
  needs?: number;
  answer: (input: AnswerInput) => Answer;
  /** Glossary entries (ids) worth reading for this step. */
  terms?: readonly string[];
}

export interface Lesson {
  id: string;
  title: string;
  /** One line: what the lesson is about and how long it takes. */
  summary: string;
  /** The scenario its runs use: every step's preset is one of this scenario's. */
  scenario: ScenarioName;
  steps: readonly LessonStep[];
}
