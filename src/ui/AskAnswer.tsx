/**
 * One model's answer to a prompt of one's own, symbol by symbol: each written
 * symbol is focusable (one Tab stop per answer; arrow keys, Home and End move
 * along it) and shows, on focus or hover, the model's five most probable
 * next symbols at that position with their probabilities. Screen readers hear
 * the same list in the symbol's name.
 */
import { useState, type KeyboardEvent } from 'react';
import type { AskResult, AskStep } from '../engine/eval/askModel';
import type { PromptFormat } from '../engine/scenarios/prompt';
import { pct } from './format';

/** A symbol as it reads inside the answer: text keeps spaces and newlines visible. */
function shownSymbol(format: PromptFormat, id: number): string {
  const s = format.symbol(id);
  return s === '\n' ? '⏎' : s;
}

/** A probability to one decimal of a percent; a tiny one is not rounded to a flat 0. */
const chance = (p: number) => (p > 0 && p < 0.0005 ? '<0.1%' : pct(p, 1));

/** The chances at one position, in words: "8 62%, 3 20%, …". */
const chancesInWords = (format: PromptFormat, step: AskStep) => step.top.map((c) => `${format.symbolName(c.token)} ${chance(c.p)}`).join(', ');

function Chances({ format, step, position, stop, flip }: { format: PromptFormat; step: AskStep; position: number; stop: boolean; flip: boolean }) {
  return (
    <span className={flip ? 'ask-popover flip' : 'ask-popover'} aria-hidden="true" data-testid="ask-top5">
      <span className="ask-popover-title">{stop ? 'Where it stopped' : `Position ${position}`}: the model's top 5</span>
      <table>
        <tbody>
          {step.top.map((c) => (
            <tr key={c.token} className={c.token === step.token ? 'chosen' : undefined}>
              <td>
                <code>{format.symbolName(c.token)}</code>
              </td>
              <td className="ask-bar-cell">
                <span className="ask-bar" style={{ width: `${Math.max(1, 100 * c.p)}%` }} />
              </td>
              <td className="num">{chance(c.p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </span>
  );
}

export function AskAnswer({ format, result, label, testId }: { format: PromptFormat; result: AskResult; label: string; testId: string }) {
  const steps = result.stop ? [...result.steps, result.stop] : result.steps;
  const [active, setActive] = useState(0);
  const [shown, setShown] = useState<number | null>(null);
  // A symbol in the right half of the window opens its popover leftward, so it stays on screen (phones).
  const [flip, setFlip] = useState(false);
  const show = (i: number, el: HTMLElement) => {
    setFlip(el.getBoundingClientRect().left > window.innerWidth / 2);
    setShown(i);
  };
  const at = Math.min(active, Math.max(0, steps.length - 1));
  const move = (e: KeyboardEvent<HTMLElement>, to: number) => {
    e.preventDefault();
    const next = Math.max(0, Math.min(steps.length - 1, to));
    setActive(next);
    (e.currentTarget.parentElement?.children[next] as HTMLElement | undefined)?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLElement>, i: number) => {
    if (e.key === 'ArrowRight') move(e, i + 1);
    else if (e.key === 'ArrowLeft') move(e, i - 1);
    else if (e.key === 'Home') move(e, 0);
    else if (e.key === 'End') move(e, steps.length - 1);
    else if (e.key === 'Escape') setShown(null);
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (shown === i) setShown(null);
      else show(i, e.currentTarget);
    }
  };
  if (!steps.length) return <p className="muted">{label} wrote nothing.</p>;
  const ended = result.ended === 'context' ? ' (the model’s context is full)' : result.ended === 'length' ? ' (as long as an answer may be)' : '';
  return (
    <p className="ask-answer" data-testid={testId}>
      <span className="sr-only">
        {label} wrote {result.steps.length} symbol{result.steps.length === 1 ? '' : 's'}
        {ended}; each symbol below names the model's five most probable choices at its position.
      </span>
      <span className={format.separator ? 'ask-symbols spaced' : 'ask-symbols'} role="group" aria-label={`${label}: symbols, arrow keys move along them`}>
        {steps.map((step, i) => {
          const stop = step === result.stop;
          return (
            <span
              key={i}
              tabIndex={i === at ? 0 : -1}
              role="button"
              aria-label={`${stop ? 'end of answer' : format.symbolName(step.token)}, position ${i + 1}; top 5: ${chancesInWords(format, step)}`}
              className={stop ? 'ask-symbol stop' : 'ask-symbol'}
              data-testid="ask-symbol"
              onFocus={(e) => {
                setActive(i);
                show(i, e.currentTarget);
              }}
              onBlur={() => setShown((s) => (s === i ? null : s))}
              onMouseEnter={(e) => show(i, e.currentTarget)}
              onMouseLeave={() => setShown((s) => (s === i ? null : s))}
              onKeyDown={(e) => onKey(e, i)}
            >
              {shownSymbol(format, step.token)}
              {shown === i && <Chances format={format} step={step} position={i + 1} stop={stop} flip={flip} />}
            </span>
          );
        })}
      </span>
    </p>
  );
}
