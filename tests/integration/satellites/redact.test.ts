// Secret masking of free text and URLs: one case per credential format an agent may paste into an
// error message or a comment. Fake keys of the real shapes (no live credentials).
import { configuredSecrets, redactSecrets, redactUrl } from '../../../telemetry/redact';

const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const OPENAI_PROJECT = 'sk-proj-' + 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z_Ab3dEf6hIj9kLm2nOp5q';
const ANTHROPIC = 'sk-ant-api03-' + 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z-AA';
const STRIPE = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
const GITLAB = 'glpat-' + 'xxxxxxxxxxXXXXXXXXXX';
const GOOGLE = 'AIza' + 'SyD-abcdefghijklmnopqrstuvwxyz01234';
const NPM = 'npm_' + 'abcdefghijklmnopqrstuvwxyz0123456789';
const ES_API_KEY = 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==';

test.each([
  ['AWS secret key (bare)', `creds ${AWS_SECRET} leaked`, 'creds [REDACTED:aws-secret] leaked'],
  ['AWS secret key (env style)', `AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`, 'AWS_SECRET_ACCESS_KEY=[REDACTED]'],
  ['AWS access key id', 'id AKIAIOSFODNN7EXAMPLE', 'id [REDACTED:aws-key]'],
  ['OpenAI project key', `key ${OPENAI_PROJECT} rejected`, 'key [REDACTED:openai-key] rejected'],
  ['Anthropic key', `x-api-key ${ANTHROPIC}`, 'x-api-key [REDACTED:anthropic-key]'],
  ['Stripe secret key', `charge failed with ${STRIPE}`, 'charge failed with [REDACTED:stripe-key]'],
  ['GitLab token', `clone with ${GITLAB}`, 'clone with [REDACTED:gitlab-token]'],
  ['Google API key', `maps ${GOOGLE} quota`, 'maps [REDACTED:google-key] quota'],
  ['npm token', `//registry/:_authToken ${NPM}`, '//registry/:_authToken [REDACTED:npm-token]'],
  ['JSON api_key', '{"api_key": "plain-words-here", "n": 1}', '{"api_key": "[REDACTED]", "n": 1}'],
  ['JSON password with escaped quote', '{"password":"a\\"b c"}', '{"password":"[REDACTED]"}'],
  ['Authorization: ApiKey', `Authorization: ApiKey ${ES_API_KEY}`, 'Authorization: ApiKey [REDACTED]'],
  ['Authorization without scheme', 'authorization=abc.def', 'authorization=[REDACTED]'],
  [
    'URL with @ in the password',
    'postgres://u:p@ss@db.internal:5432/app',
    'postgres://[REDACTED]@db.internal:5432/app',
  ],
  ['URL with a token as user', 'https://ghtoken@github.com/org/repo', 'https://[REDACTED]@github.com/org/repo'],
])('%s', (_name, input, output) => {
  expect(redactSecrets(input, [])).toBe(output);
});

test.each([
  'step 3 is unclear; the author: Jane',
  'failed at /usr/local/lib/node_modules/Foo/bar/Baz1/qux.js:10',
  'commit 95d313bd9d706c69b513fba2e36b071b4ac3d380 is the base',
  'see https://example.com/path?q=1',
])('ordinary text is kept: %j', (text) => {
  expect(redactSecrets(text, [])).toBe(text);
});

test('the configured API key and password are masked in any format', () => {
  const env = { CODESENTINEL_ES_API_KEY: 'short-but-real-key', CODESENTINEL_ES_PASSWORD: 'p@ss word!' };
  const known = configuredSecrets(env);
  expect(known).toEqual(['short-but-real-key', 'p@ss word!']);
  expect(redactSecrets('sent short-but-real-key and "p@ss word!"', known)).toBe(
    'sent [REDACTED:configured-secret] and "[REDACTED:configured-secret]"'
  );
});

test('no secret survives in part: masking is whole or nothing', () => {
  for (const secret of [AWS_SECRET, OPENAI_PROJECT, ANTHROPIC, STRIPE, GITLAB, GOOGLE, NPM]) {
    const out = redactSecrets(`a ${secret} b; token: ${secret}; Authorization: ApiKey ${secret}`, []);
    expect(out).not.toContain(secret.slice(8, 20));
  }
  // A random base64 blob has no recognisable shape on its own: only its context (or being the
  // configured key) identifies it.
  const inContext = redactSecrets(`token: ${ES_API_KEY}; Authorization: ApiKey ${ES_API_KEY}`, []);
  expect(inContext).not.toContain(ES_API_KEY.slice(8, 20));
});

test.each([
  ['http://elastic:changeme@es.internal:9200/', 'http://REDACTED@es.internal:9200/'],
  ['http://u:p%40ss@host/', 'http://REDACTED@host/'],
  ['http://127.0.0.1:9200', 'http://127.0.0.1:9200/'],
])('redactUrl(%j) = %j', (url, shown) => {
  expect(redactUrl(url)).toBe(shown);
});
