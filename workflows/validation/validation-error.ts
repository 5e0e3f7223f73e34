/** Why a definition was refused; stable strings the editor and API clients can switch on. */
export type ValidationErrorCode =
  | 'schema'
  | 'duplicate_node_id'
  | 'duplicate_edge_id'
  | 'unknown_node_type'
  | 'no_trigger'
  | 'unknown_node'
  | 'unknown_reply_node'
  | 'unknown_port'
  | 'trigger_incoming_edge'
  | 'invalid_params'
  | 'retry_not_applicable'
  | 'expression_syntax'
  | 'unknown_node_reference'
  | 'unknown_field'
  | 'duplicate_port'
  | 'join_inputs'
  | 'invalid_for_each_body'
  | 'unreachable_node'
  | 'duplicate_group_id'
  | 'blank_group_name'
  | 'unknown_group_node'
  | 'node_in_two_groups'
  /** Publish only: the publisher's roles may not make a write the node makes. */
  | 'forbidden_write';

/**
 * One problem in a definition. When `edgeId` is set, `path` is relative to that edge (`target`);
 * otherwise, when `nodeId` is set, it is relative to that node (`params.cases[1].condition`,
 * `type`, or `''` for the node as a whole); otherwise it is relative to the definition (`nodes`).
 * An edge error may also name the node it concerns (the source of a wrong port).
 */
export interface ValidationError {
  nodeId?: string;
  edgeId?: string;
  path: string;
  code: ValidationErrorCode;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}
