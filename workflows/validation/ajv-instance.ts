import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/*
 * One ajv instance for the definition schema and every params schema, created on first use so
 * that merely importing the registry costs nothing. ajv and ajv-formats import no Node built-ins,
 * but ajv compiles validators with `new Function`; only validation imports this file, so the
 * interpreter (and with it the Temporal workflow bundle) does not carry ajv at all.
 */
let instance: Ajv | undefined;

/** The shared ajv instance: all errors, with the failing data and schema attached to each. */
export function sharedAjv(): Ajv {
  if (!instance) {
    // strictRequired is off because `anyOf: [{required: [a]}, {required: [b]}]` is how the params
    // schemas say "a or b", with a and b declared once, in `properties`.
    instance = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      strictTypes: false,
      strictRequired: false,
    });
    addFormats(instance, ['date-time', 'date', 'time', 'email', 'uri']);
    instance.addVocabulary(['x-literal']);
  }
  return instance;
}
