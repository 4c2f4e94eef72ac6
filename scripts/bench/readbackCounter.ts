/**
 * Counts host←device readbacks: every tensor.data() or dataSync(), which go
 * through the engine's read and readSync (on a GPU, each is a point where the
 * host waits for the device). Kernels that read host memory inside a CPU
 * backend call the backend directly and are not counted: they are not syncs.
 */
import * as tf from '../../src/engine/tf';

export interface ReadbackCounter {
  readonly count: number;
  stop(): void;
}

export function countReadbacks(): ReadbackCounter {
  const engine = tf.engine() as unknown as Record<'read' | 'readSync', (...args: unknown[]) => unknown>;
  const read = engine.read;
  const readSync = engine.readSync;
  const counter = { count: 0, stop: () => {} };
  engine.read = function (this: unknown, ...args) {
    counter.count += 1;
    return read.apply(this, args);
  };
  engine.readSync = function (this: unknown, ...args) {
    counter.count += 1;
    return readSync.apply(this, args);
  };
  counter.stop = () => {
    engine.read = read;
    engine.readSync = readSync;
  };
  return counter;
}
