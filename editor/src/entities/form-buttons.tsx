import type { IconButtonProps } from '@rjsf/utils';

// rjsf's default array buttons draw Bootstrap glyph icons, which this app does not ship; these say what
// they do in words, which also gives them accessible names.
function textButton(text: string, className: string) {
  function TextButton(props: IconButtonProps) {
    return (
      <button
        type="button"
        className={`array-button ${className}`}
        onClick={props.onClick}
        disabled={props.disabled}
        title={props.title}
      >
        {text}
      </button>
    );
  }
  return TextButton;
}

/** The array buttons of the entity forms: add, remove, copy and reorder items. */
export const entityButtonTemplates = {
  AddButton: textButton('Add item', 'add'),
  RemoveButton: textButton('Remove', 'danger'),
  CopyButton: textButton('Copy', 'copy'),
  MoveUpButton: textButton('Move up', 'move'),
  MoveDownButton: textButton('Move down', 'move'),
};
