import type { CredentialField } from '../../../domain/credentials/credential-kinds';

/**
 * Inputs for a credential kind's fields: settings as text, secret fields as password inputs that
 * the browser neither shows nor autofills.
 */
export function CredentialFields(props: {
  fields: readonly CredentialField[];
  secret: boolean;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}) {
  const { fields, secret, values, onChange } = props;
  return (
    <>
      {fields.map((field) => (
        <label key={field.name}>
          {field.label}
          {field.optional ? ' (optional)' : ''}
          <input
            name={field.name}
            type={secret ? 'password' : field.url ? 'url' : 'text'}
            autoComplete={secret ? 'new-password' : 'off'}
            value={values[field.name] ?? ''}
            onChange={(event) => {
              const { [field.name]: _old, ...rest } = values;
              onChange(event.target.value === '' ? rest : { ...rest, [field.name]: event.target.value });
            }}
          />
        </label>
      ))}
    </>
  );
}
