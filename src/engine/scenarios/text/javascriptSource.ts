/**
 * JavaScript source as the code domain's text: comments out (much of them is
 * English, which would blur the two domains), trailing spaces out, and runs
 * of blank lines down to one.
 *
 * Comments are found by a small scanner that knows strings, template
 * literals (with `${…}` nested to any depth) and regular-expression literals,
 * so `'//'`, `` `/* ${a} *\/` `` and `/\/\*\//` stay as they are. Whether a `/`
 * starts a regex or divides is judged from the token before it, as a parser
 * would in all but contrived code (`a\n/re/` after a block's `}`).
 */

/** Keywords after which an expression, hence a regex, may start. */
const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);

const isIdentifierChar = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const isBlank = (c: string) => c === ' ' || c === '\t';
const isLineBreak = (c: string) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

/** Scanner modes: code, or inside a template literal's text. */
type Mode = 'code' | 'template';

/**
 * The source with every comment removed. A comment is whitespace to a parser,
 * so one between two tokens leaves a space, and a block comment that spans
 * lines leaves a line break (which automatic semicolon insertion may need).
 */
export function stripComments(source: string): string {
  const out: string[] = [];
  /** The last character written ('\n' at the start). */
  let lastOut = '\n';
  /** The last character of code written, and the identifier it ends, if any: they decide regex or division. */
  let lastCode = '';
  let lastWord = '';
  let i = 0;
  /** One entry per open `${`: how many `{` it has open inside. */
  const templateDepths: number[] = [];
  let mode: Mode = 'code';

  const write = (text: string) => {
    out.push(text);
    lastOut = text[text.length - 1];
  };
  /** Writes code that is not an identifier character: a punctuator, string or regex, after which no word is open. */
  const writeToken = (text: string, endsLike: string) => {
    write(text);
    lastCode = endsLike;
    lastWord = '';
  };
  /** Whether a `/` here would start a regex (no value just before it) rather than divide. */
  const slashStartsRegex = () => {
    if (lastWord !== '') return KEYWORDS_BEFORE_EXPRESSION.has(lastWord);
    return !(lastCode === ')' || lastCode === ']' || lastCode === '}');
  };
  /** The end (exclusive) of the regex literal at `start`, or -1 if none closes on this line. */
  const regexEnd = (start: number) => {
    let j = start + 1;
    let inClass = false;
    for (; j < source.length; j++) {
      const c = source[j];
      if (isLineBreak(c)) return -1;
      if (c === '\\') j++;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
    }
    if (j >= source.length) return -1;
    j++;
    while (j < source.length && isIdentifierChar(source[j])) j++; // flags
    return j;
  };
  /** The end (exclusive) of the quoted string at `start`. */
  const stringEnd = (start: number) => {
    const quote = source[start];
    let j = start + 1;
    while (j < source.length && source[j] !== quote && !isLineBreak(source[j])) j += source[j] === '\\' ? 2 : 1;
    return Math.min(j + 1, source.length);
  };
  /** What stands for a removed block comment: a line break or a space where one is needed, else nothing. */
  const replaceBlockComment = (spannedLines: boolean) => {
    if (spannedLines) {
      if (lastOut !== '\n') write('\n');
      while (i < source.length && isBlank(source[i])) i++;
    } else if (isBlank(lastOut)) {
      while (i < source.length && isBlank(source[i])) i++;
    } else if (lastOut !== '\n' && i < source.length && !isBlank(source[i]) && !isLineBreak(source[i])) {
      write(' ');
    }
  };

  while (i < source.length) {
    const c = source[i];
    if (mode === 'template') {
      if (c === '\\') {
        write(source.slice(i, i + 2));
        i += 2;
      } else if (c === '`') {
        writeToken(c, ')'); // a template is a value
        i++;
        mode = 'code';
      } else if (c === '$' && source[i + 1] === '{') {
        writeToken('${', '{');
        i += 2;
        templateDepths.push(0);
        mode = 'code';
      } else {
        write(c);
        i++;
      }
      continue;
    }
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && !isLineBreak(source[i])) i++; // tidyLines takes the spaces before it
      continue;
    }
    if (c === '/' && next === '*') {
      const close = source.indexOf('*/', i + 2);
      const end = close < 0 ? source.length : close + 2;
      const spannedLines = /[\n\r\u2028\u2029]/.test(source.slice(i, end));
      i = end;
      replaceBlockComment(spannedLines);
      continue;
    }
    if (c === '/' && slashStartsRegex()) {
      const end = regexEnd(i);
      if (end > 0) {
        writeToken(source.slice(i, end), ')'); // a regex is a value: a `/` after it divides
        i = end;
        continue;
      }
    }
    if (c === '"' || c === "'") {
      const end = stringEnd(i);
      writeToken(source.slice(i, end), ')');
      i = end;
      continue;
    }
    i++;
    if (c === '`') {
      write(c);
      mode = 'template';
      continue;
    }
    if (c === '{' && templateDepths.length > 0) templateDepths[templateDepths.length - 1]++;
    if (c === '}' && templateDepths.length > 0) {
      const depth = templateDepths.pop()!;
      if (depth === 0) {
        write(c);
        mode = 'template';
        continue;
      }
      templateDepths.push(depth - 1);
    }
    if (isBlank(c) || isLineBreak(c)) {
      write(c); // whitespace is not a token: what came before still decides
    } else if (isIdentifierChar(c)) {
      lastWord = isIdentifierChar(lastOut) ? lastWord + c : c; // a word goes on until a space, comment or punctuator
      lastCode = c;
      write(c);
    } else {
      writeToken(c, c);
    }
  }
  return out.join('');
}

/** Line ends as `\n`, trailing spaces off every line, no leading blank lines, at most one blank line in a row, one final newline. */
export function tidyLines(text: string): string {
  const lines = text.split(/\r\n|[\r\n\u2028\u2029]/).map((line) => line.replace(/[ \t]+$/, ''));
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}

/** JavaScript source → code-domain text (not yet normalised to the vocabulary). */
export function javascriptToCodeText(source: string): string {
  return tidyLines(stripComments(source));
}
