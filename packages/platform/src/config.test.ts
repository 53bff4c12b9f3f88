import { z } from 'zod';
import { commonSettings, ConfigError, parseSettings, port, resolveSecrets } from './config';

describe('configuration', () => {
  it('names the variable in one line when a setting is invalid', () => {
    expect(() => parseSettings({ PORT: port(4000) }, { PORT: 'eighty' })).toThrow(
      new ConfigError('Invalid setting PORT: Invalid input: expected number, received NaN'),
    );
  });

  it('applies defaults', () => {
    expect(parseSettings({ PORT: port(4000), NAME: z.string().default('x') }, {})).toEqual({ PORT: 4000, NAME: 'x' });
  });

  it('requires both secrets in production', () => {
    expect(() => resolveSecrets({ NODE_ENV: 'production', INTERNAL_SECRET: 'i'.repeat(32) })).toThrow(
      'JWT_SECRET is required when NODE_ENV=production',
    );
    expect(() => resolveSecrets({ NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32) })).toThrow(
      'INTERNAL_SECRET is required when NODE_ENV=production',
    );
  });

  it('uses development secrets outside production', () => {
    const secrets = resolveSecrets({ NODE_ENV: 'development' });
    expect(secrets.jwtSecret).toMatch(/development-only/);
    expect(secrets.internalSecret).toMatch(/development-only/);
  });

  it('takes a comma-separated pair of internal secrets for a key roll, each at least 32 characters', () => {
    const pair = `${'n'.repeat(32)},${'c'.repeat(32)}`;
    expect(parseSettings(commonSettings, { INTERNAL_SECRET: pair }).INTERNAL_SECRET).toBe(pair);
    expect(() => parseSettings(commonSettings, { INTERNAL_SECRET: `${'n'.repeat(32)},short` })).toThrow(
      /INTERNAL_SECRET: must be at least 32/,
    );
  });
});
