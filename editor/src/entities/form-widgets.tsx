import { useState } from 'react';
import type { RegistryWidgetsType, WidgetProps } from '@rjsf/utils';
import { minorUnitFactor } from './format';
import { RefSelect } from './ref-select';

/** What every widget may read from the form: the record's currency, for money inputs. */
export interface EntityFormContext {
  currency?: string;
}

function RefWidget(props: WidgetProps) {
  const target = (props.options as { target?: string }).target ?? '';
  return (
    <RefSelect
      id={props.id}
      target={target}
      value={typeof props.value === 'string' ? props.value : undefined}
      onChange={(value) => props.onChange(value)}
      label={props.label}
      required={props.required}
      disabled={props.disabled || props.readonly}
    />
  );
}

/**
 * An integer field edited in a friendlier unit: money in major units (€12.50 is stored as 1250),
 * rates in percent (19.5% is stored as 1950 basis points). It keeps the typed text while it parses, so
 * "12." can become "12.5".
 */
function ScaledIntegerInput(props: WidgetProps & { factor: number; unit: string }) {
  const factor = props.factor;
  const value: unknown = props.value;
  const show = (v: unknown) => (typeof v === 'number' ? String(v / factor) : '');
  const [text, setText] = useState(show(value));
  const [seen, setSeen] = useState<unknown>(value);
  if (seen !== value) {
    setSeen(value);
    if (parse(text, factor) !== value) setText(show(value));
  }
  return (
    <span className="scaled-input">
      <input
        id={props.id}
        type="text"
        inputMode="decimal"
        value={text}
        required={props.required}
        disabled={props.disabled}
        readOnly={props.readonly}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = parse(event.target.value, factor);
          props.onChange(parsed ?? (event.target.value.trim() === '' ? undefined : event.target.value));
        }}
        onBlur={() => props.onBlur(props.id, value)}
        onFocus={() => props.onFocus(props.id, value)}
      />
      <span className="unit">{props.unit}</span>
    </span>
  );
}

function parse(text: string, factor: number): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d*)?$/.test(trimmed)) return undefined;
  return Math.round(Number(trimmed) * factor);
}

function MoneyWidget(props: WidgetProps) {
  const currency = (props.registry.formContext as EntityFormContext | undefined)?.currency ?? 'EUR';
  const valid = /^[A-Z]{3}$/.test(currency) ? currency : 'EUR';
  return <ScaledIntegerInput {...props} factor={minorUnitFactor(valid)} unit={valid} />;
}

function PercentWidget(props: WidgetProps) {
  return <ScaledIntegerInput {...props} factor={100} unit="%" />;
}

/** The custom widgets the generated entity forms use, by the names the uiSchema gives them. */
export const entityWidgets: RegistryWidgetsType = {
  ref: RefWidget,
  money: MoneyWidget,
  percent: PercentWidget,
};
