import { describe, expect, it } from 'vitest';
import { configSchema } from '../engine/config/schema';
import { suggestedValues } from '../engine/sweep/sweep';
import { settingsFor } from './configStore';

const HASH = 'ab'.repeat(32);

describe('the config around a text of one’s own', () => {
  it('drops the text’s hash and name when a shipped domain is chosen, and keeps them for custom', () => {
    const own = configSchema.parse({ scenario: 'text', domain: 'custom', domainHash: HASH, domainName: 'essay.txt' });
    expect(settingsFor(own, 'domain', 'code', true)).toEqual({ domain: 'code', domainHash: '', domainName: '' });
    expect(settingsFor(own, 'domain', 'custom', true)).toEqual({ domain: 'custom' });
  });

  it('sweeps over custom as a domain only where the config names a text', () => {
    const text = configSchema.parse({ scenario: 'text' });
    expect(suggestedValues('domain', text)).not.toContain('custom');
    expect(suggestedValues('domain', { ...text, domainHash: HASH })).toContain('custom');
  });
});
