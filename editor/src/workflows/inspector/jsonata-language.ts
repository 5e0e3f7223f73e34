import { StreamLanguage, type StringStream } from '@codemirror/language';

const keywords = new Set(['and', 'or', 'in', 'function']);
const atoms = new Set(['true', 'false', 'null']);

interface State {
  inComment: boolean;
}

/**
 * JSONata for CodeMirror, as a stream tokenizer: comments, strings, numbers, `$` variables and
 * functions, keywords, field names and operators. Highlighting only; whether an expression parses
 * is JSONata's own parser's answer (see the linter in expression-editor.tsx).
 */
export const jsonata = StreamLanguage.define<State>({
  name: 'jsonata',
  startState: () => ({ inComment: false }),
  token(stream: StringStream, state: State): string | null {
    if (state.inComment) {
      if (stream.skipTo('*/')) {
        stream.next();
        stream.next();
        state.inComment = false;
      } else stream.skipToEnd();
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('/*')) {
      state.inComment = true;
      return 'comment';
    }
    const quote = stream.peek();
    if (quote === '"' || quote === "'") {
      stream.next();
      let escaped = false;
      for (let next = stream.next(); next !== undefined; next = stream.next()) {
        if (next === quote && !escaped) break;
        escaped = !escaped && next === '\\';
      }
      return 'string';
    }
    if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?/)) return 'number';
    if (stream.match(/^\$[A-Za-z_]\w*(?=\s*\()/)) return 'variableName.function';
    if (stream.match(/^\$\w*/)) return 'variableName.special';
    if (stream.match(/^`[^`]*`/)) return 'propertyName';
    const word = stream.match(/^[A-Za-z_]\w*/) as RegExpMatchArray | null;
    if (word) {
      if (keywords.has(word[0])) return 'keyword';
      if (atoms.has(word[0])) return 'atom';
      return 'propertyName';
    }
    if (stream.match(/^(:=|!=|<=|>=|~>|\.\.|\?:|\?\?|[-+*/%&|=<>!?:.,;^#@~])/)) return 'operator';
    if (stream.match(/^[()[\]{}]/)) return 'bracket';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { block: { open: '/*', close: '*/' } } },
});
