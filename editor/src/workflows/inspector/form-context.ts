/** What every params field may read from the form: the node it edits, for previews. */
export interface ParamsFormContext {
  nodeId: string | undefined;
}
