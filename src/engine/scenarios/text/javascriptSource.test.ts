import { describe, expect, it } from 'vitest';
import { javascriptToCodeText, stripComments, tidyLines } from './javascriptSource';

describe('stripComments', () => {
  it('removes line and block comments', () => {
    expect(stripComments('a = 1; // one\nb = 2;')).toBe('a = 1; \nb = 2;');
    expect(stripComments('/** doc */\nfunction f() {}')).toBe('\nfunction f() {}');
    expect(stripComments('x = /*#__PURE__*/ f();')).toBe('x = f();');
  });

  it('leaves comment-like text in strings alone', () => {
    for (const code of ["s = '//';", 's = "/* no */";', "s = 'it\\'s // still';", 's = "a\\"//b";', "url = 'http://x.org/*';"]) {
      expect(stripComments(code)).toBe(code);
    }
  });

  it('leaves template literals alone, with comments inside ${…} removed at any depth', () => {
    expect(stripComments('t = `// ${a /* c */} /* ${`//${b}`} */`;')).toBe('t = `// ${a } /* ${`//${b}`} */`;');
    expect(stripComments('t = `${ {a: 1}.a }//` // gone')).toBe('t = `${ {a: 1}.a }//` ');
    expect(stripComments('t = `a\\`//b`;')).toBe('t = `a\\`//b`;');
  });

  it('leaves regular-expression literals alone, slashes and classes included', () => {
    for (const code of ['re = /\\/\\*/;', 're = /[/*]/g;', 'x = s.replace(/\\/\\//, "");', 'if (/^\\/\\//.test(s)) f();', 'return /a*/.test(s);', 'x = typeof /\\*/;']) {
      expect(stripComments(code)).toBe(code);
    }
  });

  it('tells division from a regex by the token before it', () => {
    expect(stripComments('x = a / b / c; // d')).toBe('x = a / b / c; ');
    expect(stripComments('x = (a) / 2 /* half */;')).toBe('x = (a) / 2 ;');
    expect(stripComments('x = arr[0] / n; y = 1 // z')).toBe('x = arr[0] / n; y = 1 ');
    expect(stripComments('x = 10 / 2 / 1; // q')).toBe('x = 10 / 2 / 1; ');
  });

  it('leaves whitespace where a comment separated tokens, and a line break where one spanned lines', () => {
    expect(stripComments('return/* c */x')).toBe('return x');
    expect(stripComments('a = b/* one\ntwo */c()')).toBe('a = b\nc()');
    expect(stripComments('  /* lead */ foo();')).toBe('  foo();');
  });
});

describe('javascriptToCodeText', () => {
  it('drops trailing spaces, leading blank lines and runs of blank lines, and ends in one newline', () => {
    expect(tidyLines('\n\na;  \n\n\n\nb;\r\n\n')).toBe('a;\n\nb;\n');
    expect(tidyLines('')).toBe('');
  });

  it('turns a lodash-style module into its code alone', () => {
    const source = [
      "import baseSlice from './_baseSlice.js';",
      '',
      '/* Built-in method references. */',
      'var nativeCeil = Math.ceil;',
      '',
      '/**',
      ' * Creates an array of elements split into groups.',
      ' *',
      ' * @example',
      " * _.chunk(['a', 'b'], 2); // => [['a', 'b']]",
      ' */',
      'function chunk(array, size) {',
      '  var length = array == null ? 0 : array.length; // how many',
      "  return baseSlice(array, 0, nativeCeil(length / size)); // '//' stays",
      '}',
      '',
      '',
      'export default chunk;',
      '',
    ].join('\n');
    expect(javascriptToCodeText(source)).toBe(
      [
        "import baseSlice from './_baseSlice.js';",
        '',
        'var nativeCeil = Math.ceil;',
        '',
        'function chunk(array, size) {',
        '  var length = array == null ? 0 : array.length;',
        '  return baseSlice(array, 0, nativeCeil(length / size));',
        '}',
        '',
        'export default chunk;',
        '',
      ].join('\n'),
    );
  });
});
