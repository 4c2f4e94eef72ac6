/**
 * The lab's workers: opening them, handing each queued run to a free one, and
 * how many go at once. One worker per run slot; on wasm and cpu as many slots
 * as the machine has cores (at most 4: each worker is single-threaded), on a
 * GPU one (the GPU is one device). Each worker loads the base model once and
 * is reused by the next run. Plain TypeScript: the lab store wires it to the
 * queue and the runs.
 */
import type { BackendName } from '../engine/backend/names';
import type { LabWorkerApi } from '../worker/protocol';

export interface WorkerConnection {
  client: LabWorkerApi;
  terminate: () => void;
  /** Wraps a callback so the worker can call it (comlink.proxy). */
  proxy: <T extends object>(fn: T) => T;
  modelUrl: string;
  /** Called when the worker itself fails (its code does not load, or it throws outside a call). */
  onFailure?: (handler: (message: string) => void) => void;
}

/** How many runs go at once: one per core on the CPU backends (at most 4); one on a GPU, which they would only share. */
export function parallelRuns(backend: BackendName, cores: number): number {
  return backend === 'wasm' || backend === 'cpu' ? Math.max(1, Math.min(4, Math.floor(cores))) : 1;
}

/** Where runs wait: the pool asks whether one is waiting before it opens a worker for it, then takes it. */
export interface RunSource<T extends { id: string }> {
  waiting(): boolean;
  take(): T | undefined;
}

/** A worker handed a run. */
export interface PoolWorker {
  conn: WorkerConnection;
  /** Resolves once the worker's backend and base model are loaded; rejects, saying so, when it could not start. */
  started(): Promise<void>;
}

/** A worker of the pool: ready once its backend and the base model are loaded; busy while it runs one run. */
interface Slot {
  conn: WorkerConnection;
  ready: Promise<boolean>;
  runId: string | null;
}

export class WorkerPool {
  /** Every worker open for the lab (run slots, and backends being timed): a failure of one of these fails the lab. */
  private readonly held = new Set<WorkerConnection>();
  private slots: Slot[] = [];
  private backend: BackendName | null = null;
  private limit = 1;

  /**
   * @param openWorker starts a worker.
   * @param cores the cores the browser reports: at most this many runs at once.
   * @param onFailure called when a worker the pool holds fails.
   */
  constructor(
    private readonly openWorker: () => WorkerConnection,
    private readonly cores: number,
    private readonly onFailure: (message: string) => void,
  ) {}

  /** How many runs may go at once on the pool's backend (1 until it has one). */
  get parallel(): number {
    return this.limit;
  }

  /** The first worker, the one a backend was chosen with: null until there is one. */
  get first(): LabWorkerApi | null {
    return this.slots[0]?.conn.client ?? null;
  }

  /** Opens a worker the pool holds: its failure, while held, is reported. */
  open(): WorkerConnection {
    const conn = this.openWorker();
    this.held.add(conn);
    conn.onFailure?.((message) => {
      if (this.held.has(conn)) this.onFailure(message);
    });
    return conn;
  }

  /** Terminates a worker the pool holds (one held no longer, after a reset, is left alone). */
  drop(conn: WorkerConnection): void {
    this.slots = this.slots.filter((s) => s.conn !== conn);
    if (this.held.delete(conn)) conn.terminate();
  }

  /** Terminates every worker; failures of the old ones are no longer reported. */
  reset(): void {
    for (const conn of this.held) conn.terminate();
    this.held.clear();
    this.slots = [];
    this.backend = null;
    this.limit = 1;
  }

  /** Makes `conn`, started on `backend`, the first run slot (any other worker is terminated); more open on that backend as runs need them. */
  settle(conn: WorkerConnection, backend: BackendName): void {
    for (const other of [...this.held]) if (other !== conn) this.drop(other);
    this.held.add(conn);
    this.slots = [{ conn, ready: Promise.resolve(true), runId: null }];
    this.backend = backend;
    this.limit = parallelRuns(backend, this.cores);
  }

  /** The worker running a run, if one is. */
  workerOf(runId: string): LabWorkerApi | undefined {
    return this.slots.find((s) => s.runId === runId)?.conn.client;
  }

  /**
   * Hands waiting runs to free workers while there are both, opening more
   * (up to `parallel`) when every open one is busy. `go` runs one run on its
   * worker and must not reject; once it settles the worker is free and the
   * pool hands out again.
   */
  handOut<T extends { id: string }>(source: RunSource<T>, go: (worker: PoolWorker, item: T) => Promise<void>): void {
    while (source.waiting()) {
      const slot = this.freeSlot();
      if (!slot) return;
      const item = source.take();
      if (!item) return;
      slot.runId = item.id;
      const backend = this.backend;
      const started = async () => {
        if (!(await slot.ready)) throw new Error(`a second ${backend} worker could not start`);
      };
      void go({ conn: slot.conn, started }, item).finally(() => {
        slot.runId = null;
        this.handOut(source, go);
      });
    }
  }

  /** A free worker, opening one more (up to `parallel`) when every open one is busy. */
  private freeSlot(): Slot | null {
    const idle = this.slots.find((s) => s.runId === null);
    if (idle) return idle;
    const backend = this.backend;
    if (!backend || this.slots.length >= this.limit) return null;
    const conn = this.open();
    const slot: Slot = {
      conn,
      runId: null,
      ready: conn.client.init(backend, conn.modelUrl).then(
        (b) => b.name === backend,
        () => false,
      ),
    };
    this.slots = [...this.slots, slot];
    return slot;
  }
}
