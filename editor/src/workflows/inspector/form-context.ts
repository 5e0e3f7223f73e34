/** What every params field may read from the form: the node it edits, for previews and field pickers. */
export interface ParamsFormContext {
  nodeId: string | undefined;
  /** The record type the node works on (a fixed `entityType` param), for the record field picker. */
  entityType?: string;
}
