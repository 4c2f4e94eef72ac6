/** Text windows as a training or evaluation batch: every symbol after the first is a target, and every target counts (continual pre-training). */
import type { TokenBatch } from '../../data/batch';
import type { TextWindow } from './corpus';
import { packWindows } from './corpus';

/** Windows of length + 1 symbols: inputs are the first `length`, targets the last `length`. */
export function windowBatch(windows: readonly TextWindow[]): TokenBatch {
  const packed = packWindows(windows);
  const size = windows.length;
  const length = (windows[0]?.symbols.length ?? 1) - 1;
  const inputs = new Int32Array(size * length);
  const targets = new Int32Array(size * length);
  for (let row = 0; row < size; row++) {
    inputs.set(packed.subarray(row * (length + 1), row * (length + 1) + length), row * length);
    targets.set(packed.subarray(row * (length + 1) + 1, (row + 1) * (length + 1)), row * length);
  }
  const mask = new Float32Array(size * length).fill(1);
  return { size, length, inputs, targets, mask, answerMask: mask };
}
