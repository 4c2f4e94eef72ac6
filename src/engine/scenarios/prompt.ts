/**
 * How a person writes a prompt of their own in a scenario (the "Ask the
 * model" box): skills take a skill tag and its digits, text any text. Each
 * scenario's descriptor names its format; the page draws the box from it and
 * the worker reads how far to write and where to stop. Pure: no tfjs.
 */

/** A skill or task a skills prompt can name. */
interface PromptChoice {
  name: string;
  /** Its tag, as the model reads it: `<rev>`. */
  marker: string;
  describe: string;
  /** The symbols its input is written in (digits; letters for `letters`). */
  alphabet: readonly string[];
  /** A general skill the base model learned, or a task it never saw. */
  general: boolean;
}

/** A prompt in the model's symbols, or why it cannot be one. */
export type EncodedPrompt =
  | {
      ok: true;
      tokens: number[];
      /** The prompt as the model reads it, in the page's words (`<rev> 3 8 1 =`; text after lower-casing and replacement). */
      shown: string;
      /** What changed or is worth knowing (characters replaced; lengths the model never saw), or null. */
      note: string | null;
      /** The right answer, where the scenario has one (skills), in shown symbols. */
      expected?: string;
    }
  | { ok: false; message: string };

interface PromptFormatBase {
  /** The symbol with this id as it reads in an answer (`3`, `<eos>`; text: the character). */
  symbol(id: number): string;
  /** The same, for a popover and screen readers: a space and a newline named. */
  symbolName(id: number): string;
  /** Between written symbols when an answer is shown: ' ' (skills), '' (text). */
  separator: string;
  /** The symbol that ends an answer and is not part of it, if any. */
  stopAt?: number;
  /** The most symbols an answer may run to (the context may end it sooner). */
  maxNew: number;
}

export interface SkillPromptFormat extends PromptFormatBase {
  kind: 'skill';
  choices: readonly PromptChoice[];
  /** Most input symbols a prompt may hold (it must fit the context with its tag and `=`). */
  maxSymbols: number;
  encode(input: { skill: string; symbols: string }): EncodedPrompt;
}

export interface TextPromptFormat extends PromptFormatBase {
  kind: 'text';
  /** Most characters a prompt may hold. */
  maxChars: number;
  /** A prompt to start from. */
  example: string;
  encode(input: { text: string }): EncodedPrompt;
}

export type PromptFormat = SkillPromptFormat | TextPromptFormat;
