import { describe, expect, it } from 'vitest';
import { brownToProse, joinBrownTokens, splitBrownToken } from './brown';

/** Tokens of one line of a tagged file. */
const tokens = (line: string) => line.trim().split(/\s+/).map(splitBrownToken);

describe('Brown Corpus tokens', () => {
  it('split at the last slash, keeping tags with - $ * + and words with slashes', () => {
    expect(splitBrownToken('the/at')).toEqual({ word: 'the', tag: 'at' });
    expect(splitBrownToken('Fulton/np-tl')).toEqual({ word: 'Fulton', tag: 'np-tl' });
    expect(splitBrownToken("Atlanta's/np$")).toEqual({ word: "Atlanta's", tag: 'np$' });
    expect(splitBrownToken("can't/md*")).toEqual({ word: "can't", tag: 'md*' });
    expect(splitBrownToken("you'll/ppss+md")).toEqual({ word: "you'll", tag: 'ppss+md' });
    expect(splitBrownToken("''/''")).toEqual({ word: "''", tag: "''" });
    expect(splitBrownToken(',/,')).toEqual({ word: ',', tag: ',' });
    expect(splitBrownToken('1-1/2/cd')).toEqual({ word: '1-1/2', tag: 'cd' });
    expect(splitBrownToken('and/or/cc')).toEqual({ word: 'and/or', tag: 'cc' });
  });
});

describe('Brown Corpus sentences as prose', () => {
  it('rejoin ca01’s first sentence: no tags, `` and \'\' as ", no space inside the quotes', () => {
    const line =
      "The/at Fulton/np-tl County/nn-tl Grand/jj-tl Jury/nn-tl said/vbd Friday/nr an/at investigation/nn of/in Atlanta's/np$ recent/jj primary/nn election/nn produced/vbd ``/`` no/at evidence/nn ''/'' that/cs any/dti irregularities/nns took/vbd place/nn ./.";
    expect(joinBrownTokens(tokens(line))).toBe(
      'The Fulton County Grand Jury said Friday an investigation of Atlanta\'s recent primary election produced "no evidence" that any irregularities took place.',
    );
  });

  it('put the commas and periods the corpus moved out of quotations back inside, as printed', () => {
    const line =
      "``/`` Only/rb a/at relative/jj handful/nn of/in such/jj reports/nns was/bedz received/vbn ''/'' ,/, the/at jury/nn said/vbd ,/, ``/`` considering/in the/at widespread/jj interest/nn ''/'' ./.";
    expect(joinBrownTokens(tokens(line))).toBe('"Only a relative handful of such reports was received," the jury said, "considering the widespread interest."');
  });

  it('give a doubled question mark (nearly every one in the corpus) once, inside its quotation', () => {
    expect(joinBrownTokens(tokens("``/`` Pardon/vb ''/'' ?/. ?/."))).toBe('"Pardon?"');
    expect(joinBrownTokens(tokens('``/`` Why/wrb do/do you/ppss worry/vb ?/. ?/.'))).toBe('"Why do you worry?');
    expect(joinBrownTokens(tokens('Henry/np 4/cd-tl ,/, ,/, who/wps had/hvd died/vbn'))).toBe('Henry 4, who had died');
  });

  it('drop the sentence period after an abbreviation’s', () => {
    expect(joinBrownTokens(tokens('won/vbn by/in Mayor-nominate/nn-tl Ivan/np Allen/np Jr./np ./.'))).toBe('won by Mayor-nominate Ivan Allen Jr.');
    expect(joinBrownTokens(tokens('a/at son/nn ,/, William/np Berry/np Jr./np ,/, and/cc'))).toBe('a son, William Berry Jr., and');
  });

  it('open and close lone single quotes in turn, inside a double quotation (ca06)', () => {
    const line =
      "Hartweger/np would/md say/vb ,/, '/' Don't/do* worry/vb ,/, Coach/nn-tl --/-- we'll/ppss+md get/vb 'em/ppo all/ql right/rb '/' ''/'' ./.";
    expect(joinBrownTokens(tokens(line))).toBe("Hartweger would say, 'Don't worry, Coach -- we'll get 'em all right.'\"");
  });

  it('space parentheses, dashes, colons and semicolons as printed', () => {
    const line = 'Sen./nn-tl Wayne/np Morse/np (/( D./np ,/, Ore./np )/) said/vbd :/: no/rb ;/. it/pps was/bedz --/-- he/pps said/vbd --/-- over/rb ./.';
    expect(joinBrownTokens(tokens(line))).toBe('Sen. Wayne Morse (D., Ore.) said: no; it was -- he said -- over.');
  });
});

describe('Brown Corpus files as prose', () => {
  it('keep paragraphs (blank-line blocks) as lines, join a paragraph’s sentences, and give headlines a line of their own', () => {
    // The opening of ck01 and a stretch of ca01, as the files have them (tabs, blank lines, a trailing space).
    const file = [
      '',
      '',
      'Thirty-three/cd-hl ',
      'Scotty/np did/dod not/* go/vb back/rb to/in school/nn ./.',
      'His/pp$ parents/nns talked/vbd seriously/rb ./.',
      '',
      '',
      '\tScotty/np accepted/vbd the/at decision/nn with/in indifference/nn ./.',
      '',
      '',
      '',
      'Merger/nn-hl proposed/vbn-hl ',
      "However/wrb ,/, the/at jury/nn said/vbd it/pps believes/vbz ``/`` these/dts two/cd offices/nns should/md be/be combined/vbn ''/'' ./.",
      '',
    ].join('\n');
    expect(brownToProse(file)).toBe(
      [
        'Thirty-three',
        'Scotty did not go back to school. His parents talked seriously.',
        'Scotty accepted the decision with indifference.',
        'Merger proposed',
        'However, the jury said it believes "these two offices should be combined."',
        '',
      ].join('\n'),
    );
  });

  it('make nothing of an empty file', () => {
    expect(brownToProse('\n\n\n')).toBe('');
  });
});
