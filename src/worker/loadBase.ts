/** Fetches the shipped base checkpoint from the app's own origin. */
import { decodeCheckpoint, parseCheckpointManifest, type Checkpoint } from '../engine/checkpoint/format';

export async function fetchCheckpoint(dirUrl: string): Promise<Checkpoint> {
  const base = dirUrl.endsWith('/') ? dirUrl : `${dirUrl}/`;
  const manifestResponse = await fetch(`${base}manifest.json`);
  if (!manifestResponse.ok) throw new Error(`could not load the base model manifest (${manifestResponse.status})`);
  const manifest = parseCheckpointManifest(await manifestResponse.json());
  const weightsResponse = await fetch(`${base}${manifest.weightsFile}`);
  if (!weightsResponse.ok) throw new Error(`could not load the base model weights (${weightsResponse.status})`);
  return decodeCheckpoint(manifest, await weightsResponse.arrayBuffer());
}
