/** The shape of the GPT: small enough to fine-tune in a browser in seconds. */
export interface ModelDims {
  vocabSize: number;
  /** Input positions; a sequence of context+1 tokens gives context targets. */
  context: number;
  dModel: number;
  nLayers: number;
  nHeads: number;
  dFF: number;
  /**
   * The output head reuses the token embedding (logits = x·wteᵀ + b), as
   * GPT-2 and nanoGPT do: no `head.weight` of its own. The text model ties
   * it; the skills model, made before, does not.
   */
  tiedHead?: boolean;
}
