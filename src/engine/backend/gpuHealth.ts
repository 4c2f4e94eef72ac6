/**
 * WebGPU reports an invalid pipeline or a lost device only as an event on the
 * device: the kernel's output then silently reads whatever its buffer held (a
 * 38-input AddN summed to 0 on an H100 and in Chrome). This watcher collects those events
 * so a run can end with a named error instead of a wrong number.
 *
 * Structural types only: the engine is type-checked without DOM or WebGPU types.
 */
import * as tf from '../tf';

interface GpuErrorEventLike {
  error?: { message?: string };
  preventDefault?: () => void;
}
interface GpuDeviceLike {
  addEventListener(type: 'uncapturederror', listener: (event: GpuErrorEventLike) => void): void;
  removeEventListener(type: 'uncapturederror', listener: (event: GpuErrorEventLike) => void): void;
  lost: Promise<{ reason?: string; message?: string }>;
  queue: { onSubmittedWorkDone(): Promise<void> };
}

export interface GpuHealth {
  /** Every problem reported since watching began, in order. */
  readonly problems: readonly string[];
  /** Waits until the GPU has done all submitted work, so its errors have been reported. */
  settle(): Promise<void>;
  dispose(): void;
}

/** The current backend's WebGPU device, when the backend is webgpu. */
export function webgpuDevice(): GpuDeviceLike | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return ((tf.backend() as unknown as { device?: GpuDeviceLike }).device ?? null) as GpuDeviceLike | null;
}

/** Watches the WebGPU device for validation errors and loss; null on other backends. */
export function watchGpu(device: GpuDeviceLike | null = webgpuDevice()): GpuHealth | null {
  if (!device) return null;
  const problems: string[] = [];
  let watching = true;
  const onError = (event: GpuErrorEventLike) => {
    // Handled here: without this, Dawn for Node prints the error on stdout (breaking --json) and Chrome logs a warning.
    event.preventDefault?.();
    if (watching) problems.push(`WebGPU error: ${event.error?.message?.trim() || 'unknown error'}`);
  };
  device.addEventListener('uncapturederror', onError);
  void device.lost.then((info) => {
    if (watching) problems.push(`the WebGPU device was lost${info.reason ? ` (${info.reason})` : ''}: ${info.message || 'no reason given'}`);
  });
  return {
    problems,
    settle: () => device.queue.onSubmittedWorkDone(),
    dispose() {
      watching = false;
      device.removeEventListener('uncapturederror', onError);
    },
  };
}
