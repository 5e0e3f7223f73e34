/**
 * Failure types that retrying cannot fix. Activities report them as their failure type (Temporal
 * `ApplicationFailure` type); an error port receives them as `$error.type`.
 */
export const businessErrorTypes = ['ValidationError', 'NotFoundError', 'ConflictError', 'PermissionError'];
