import type { JsonSchema } from '../definition/json-schema';
import { ISO_DURATION_PATTERN } from '../definition/iso-duration';
import type { ActivityDefaults } from './node-type';
import { entityTypeNames, roleNames } from '../../schemas/vocabulary';
import { businessErrorTypes } from './business-errors';

/*
 * Param schema fragments that several node types share, so that the same param looks and
 * validates the same in every inspector form.
 */

export const entityTypeParam: JsonSchema = {
  type: 'string',
  title: 'Entity type',
  description: 'The kind of record, e.g. salesOrder.',
  enum: [...entityTypeNames],
};

export const recordIdParam: JsonSchema = {
  type: 'string',
  title: 'Record id',
  description: "The record's _id, usually an expression such as =$trigger.entity._id.",
  minLength: 1,
};

export const conditionParam: JsonSchema = {
  type: 'boolean',
  title: 'Condition',
  description: 'An expression such as =$trigger.entity.total > 100000; JSONata truthiness applies.',
};

export const isoDurationParam: JsonSchema = {
  type: 'string',
  description: 'ISO 8601 duration in weeks, days, hours, minutes and seconds, e.g. PT30S or P2D.',
  pattern: ISO_DURATION_PATTERN,
};

export const roleParam: JsonSchema = {
  type: 'string',
  title: 'Role',
  enum: [...roleNames],
};

export const formSchemaParam: JsonSchema = {
  type: 'object',
  title: 'Form schema',
  description: 'A JSON Schema (draft-07) for the data the assignee submits.',
  'x-literal': true,
};

export const moneyAmountParam: JsonSchema = {
  type: 'integer',
  title: 'Amount',
  description: 'In integer minor units (cents).',
  minimum: 0,
};

export const currencyParam: JsonSchema = {
  type: 'string',
  title: 'Currency',
  description: 'ISO 4217 code, e.g. EUR.',
  pattern: '^[A-Z]{3}$',
};

export const basisPointsParam: JsonSchema = {
  type: 'integer',
  description: 'In basis points: 100 is 1%.',
  minimum: 0,
  maximum: 10000,
};

/** Retry defaults for activities that touch the store or another internal service. */
export const storeActivity: ActivityDefaults = {
  retry: {
    maximumAttempts: 5,
    initialInterval: 'PT1S',
    backoffCoefficient: 2,
    maximumInterval: 'PT1M',
    nonRetryableErrorTypes: businessErrorTypes,
  },
  startToCloseTimeout: 'PT1M',
};

/** Retry defaults for activities that call the outside world, which may be down for a while. */
export const externalActivity: ActivityDefaults = {
  retry: {
    maximumAttempts: 3,
    initialInterval: 'PT5S',
    backoffCoefficient: 2,
    maximumInterval: 'PT5M',
    nonRetryableErrorTypes: businessErrorTypes,
  },
  startToCloseTimeout: 'PT2M',
};

/** Mail recipients: one address or a list of addresses. */
export const recipientsParam: JsonSchema = {
  title: 'To',
  description: 'One address or a list of addresses.',
  anyOf: [
    { type: 'string', minLength: 3 },
    { type: 'array', items: { type: 'string', minLength: 3 }, minItems: 1 },
  ],
};

/** A params schema: an object that accepts exactly the listed params. */
export function paramsObject(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    ...(required.length ? { required } : {}),
  };
}
