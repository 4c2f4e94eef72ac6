/** Fetches the shipped base checkpoint from the app's own origin. */
import { decodeCheckpoint, type Checkpoint, type CheckpointManifest } from '../engine/checkpoint/format';

export async function fetchCheckpoint(dirUrl: string): Promise<Checkpoint> {
  const base = dirUrl.endsWith('/') ? dirUrl : `${dirUrl}/`;
  const manifestResponse = await fetch(`${base}manifest.json`);
  if (!manifestResponse.ok) throw new Error(`could not load the base model manifest (${manifestResponse.status})`);
  const manifest = (await manifestResponse.json()) as CheckpointManifest;
  const weightsResponse = await fetch(`${base}${manifest.weightsFile}`);
  if (!weightsResponse.ok) throw new Error(`could not load the base model weights (${weightsResponse.status})`);
  return decodeCheckpoint(manifest, await weightsResponse.arrayBuffer());
}
