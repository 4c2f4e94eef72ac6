/** The shape of the GPT: small enough to fine-tune in a browser in seconds. */
export interface ModelDims {
  vocabSize: number;
  /** Input positions; a sequence of context+1 tokens gives context targets. */
  context: number;
  dModel: number;
  nLayers: number;
  nHeads: number;
  dFF: number;
}
