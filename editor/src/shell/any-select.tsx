/** A filter's select: "Any" (the empty value) or one of `options`. */
export function AnySelect(props: {
  label: string;
  options: readonly string[];
  value: string;
  onChange: (event: { target: { value: string } }) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={props.onChange}>
        <option value="">Any</option>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}
