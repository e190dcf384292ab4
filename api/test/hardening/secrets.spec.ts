import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadWorkerConfig } from '@callflow/workflows/src/worker-config';
import { DEVELOPMENT_INTERNAL_API_TOKEN, DEVELOPMENT_JWT_SECRET, loadConfig } from '../../src/config';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const publicKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
const SECRETS = { INTERNAL_API_TOKEN: 'a-shared-secret-for-the-workers', JWT_SECRET: 'a-long-random-secret-of-48-characters-0123456789' };
const TELNYX = { TELNYX_API_KEY: 'KEY_live_stand_in', TELNYX_PUBLIC_KEY: publicKey };

describe('secrets come from the environment in production', () => {
  it.each([
    ['Telnyx mode', TELNYX, 'TELNYX_API_KEY is set'],
    ['a production build in sandbox mode', { NODE_ENV: 'production' }, 'NODE_ENV is production'],
  ])('the API refuses to start in %s without its secrets, with the public development ones, or with a short JWT secret', (_, mode, why) => {
    expect(() => loadConfig({ ...mode, JWT_SECRET: SECRETS.JWT_SECRET })).toThrow(`${why} but INTERNAL_API_TOKEN is not set to a secret`);
    expect(() => loadConfig({ ...mode, ...SECRETS, INTERNAL_API_TOKEN: DEVELOPMENT_INTERNAL_API_TOKEN })).toThrow(`${why} but INTERNAL_API_TOKEN is not set to a secret`);
    expect(() => loadConfig({ ...mode, INTERNAL_API_TOKEN: SECRETS.INTERNAL_API_TOKEN })).toThrow(`${why} but JWT_SECRET is not set to a secret`);
    expect(() => loadConfig({ ...mode, ...SECRETS, JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(`${why} but JWT_SECRET is not set to a secret`);
    expect(() => loadConfig({ ...mode, ...SECRETS, JWT_SECRET: 'short-secret' })).toThrow(`JWT_SECRET must be at least 32 characters when ${why} (got 12)`);
    expect(loadConfig({ ...mode, ...SECRETS })).toMatchObject({ internalApiToken: SECRETS.INTERNAL_API_TOKEN, jwtSecret: SECRETS.JWT_SECRET });
  });

  it('keeps the development defaults for the local stack only', () => {
    expect(loadConfig({})).toMatchObject({ internalApiToken: DEVELOPMENT_INTERNAL_API_TOKEN, jwtSecret: DEVELOPMENT_JWT_SECRET });
  });

  it.each([
    ['Telnyx mode', { TELNYX_API_KEY: 'KEY_live_stand_in' }, 'TELNYX_API_KEY is set'],
    ['a production build', { NODE_ENV: 'production' }, 'NODE_ENV is production'],
  ])('the worker refuses to start in %s without the internal token, or with the public development one', (_, mode, why) => {
    expect(() => loadWorkerConfig(mode)).toThrow(`${why} but INTERNAL_API_TOKEN is not set to a secret`);
    expect(() => loadWorkerConfig({ ...mode, INTERNAL_API_TOKEN: DEVELOPMENT_INTERNAL_API_TOKEN })).toThrow(`${why} but INTERNAL_API_TOKEN is not set to a secret`);
    expect(loadWorkerConfig({ ...mode, INTERNAL_API_TOKEN: SECRETS.INTERNAL_API_TOKEN }).internalApi.token).toBe(SECRETS.INTERNAL_API_TOKEN);
  });

  it('has no private key or carrier API key committed anywhere in the tree', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter((file) => file && !file.endsWith('package-lock.json'));
    const patterns = [
      /-----BEGIN (?:RSA |EC |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/,
      // Telnyx v2 API keys: KEY followed by 40-odd upper-case hex digits and an underscore-separated suffix.
      /\bKEY[0-9A-F]{32,}_[A-Za-z0-9]{16,}/,
    ];
    const findings = files.flatMap((file) => {
      let text: string;
      try {
        text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      } catch {
        return [];
      }
      return patterns.filter((pattern) => pattern.test(text)).map((pattern) => `${file}: ${pattern.source}`);
    });
    expect(findings).toEqual([]);
  });
});
