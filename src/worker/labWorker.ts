/**
 * The Web Worker that runs experiments off the main thread. The page talks to
 * it through comlink (client.ts) in the protocol of protocol.ts; tfjs lives
 * only here (labWorkerService.ts).
 */
import * as Comlink from 'comlink';
import { LabWorker } from './labWorkerService';

Comlink.expose(new LabWorker());
