import type { RJSFSchema } from '@rjsf/utils';

/**
 * A task's form schema without a top-level `comment` text field, and whether it had one. The task
 * page has its own Comment box; a form that asks for a comment too would show two, and what was
 * typed in one of them would never reach the workflow. So the page shows one, and sends its text
 * both as the task's comment and as `data.comment` when the form asks for it.
 *
 * @example
 * formWithoutComment({ type: 'object', properties: { comment: { type: 'string' }, amount: { type: 'integer' } } });
 * // { schema: { type: 'object', properties: { amount: { type: 'integer' } } }, commentInData: true }
 */
export function formWithoutComment(schema: RJSFSchema | undefined): {
  schema: RJSFSchema | undefined;
  commentInData: boolean;
} {
  const properties = schema?.properties;
  const comment = properties?.comment;
  if (!schema || !properties || typeof comment !== 'object' || comment.type !== 'string')
    return { schema, commentInData: false };
  const { comment: _shown, ...rest } = properties;
  const required = schema.required?.filter((name) => name !== 'comment');
  return {
    schema: {
      ...schema,
      properties: rest,
      ...(required === undefined ? {} : { required }),
    },
    commentInData: true,
  };
}
