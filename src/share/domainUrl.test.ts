import { describe, expect, it } from 'vitest';
import { resolveDomainUrl } from './domainUrl';

const PAGE = 'https://lab.example/course/?scenario=text&domain=custom&domainUrl=data/essay.txt';

describe('an instructor link’s domainUrl', () => {
  it('reads a path relative to the page, on the page’s own site', () => {
    expect(resolveDomainUrl('data/essay.txt', PAGE)).toEqual({ url: 'https://lab.example/course/data/essay.txt', name: 'essay.txt' });
    expect(resolveDomainUrl('/texts/my%20notes.md', PAGE)).toEqual({ url: 'https://lab.example/texts/my%20notes.md', name: 'my notes.md' });
  });

  it('refuses another origin by name, however it is written', () => {
    for (const value of ['https://evil.example/x.txt', '//evil.example/x.txt', 'http://lab.example/x.txt']) {
      const result = resolveDomainUrl(value, PAGE);
      expect('error' in result && result.error).toMatch(/another site \((https?:)\/\/(evil|lab)\.example\); the lab reads texts only from its own site \(https:\/\/lab\.example\)/);
    }
  });
});
