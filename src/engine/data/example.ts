/** One example: the prompt the model reads and the answer it must produce. */
export interface Example {
  /** Marker, input symbols and `=`, as token ids. */
  prompt: number[];
  /** Answer symbols followed by `<eos>`, as token ids. */
  answer: number[];
}

/** The held-out key of an example: only the prompt matters, the answer follows from it. */
export function promptKey(example: Example): string {
  return example.prompt.join(',');
}
