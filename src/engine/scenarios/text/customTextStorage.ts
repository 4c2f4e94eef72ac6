/**
 * Where a text of one's own is kept in the page's IndexedDB: one entry per
 * sha256, so the same text added twice is stored once. The page writes it
 * (store/customTexts.ts), the lab worker reads it (worker/customTextReader.ts).
 */
import { z } from 'zod';

export const customTextKey = (sha256: string) => `forgetting-lab/texts/v1/${sha256}`;

export const storedCustomTextSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().max(80),
  text: z.string(),
  storedAt: z.number(),
});

export type StoredCustomText = z.infer<typeof storedCustomTextSchema>;
