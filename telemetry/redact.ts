// Free text (error messages, comments) may carry secrets an agent saw; the index is read by
// everyone with dashboard access, so credentials are masked before anything is stored or printed.
//
// The token formats follow the rules of gitleaks (https://github.com/gitleaks/gitleaks,
// config/gitleaks.toml, MIT licence): the same prefixes and lengths, written as JavaScript regexes.
// Masking must never leave part of a secret behind, so where a format has a variable length the
// pattern takes the whole run of token characters.

const TOKEN_PATTERNS: Array<[RegExp, string]> = [
  [
    /-----BEGIN [A-Z0-9 _-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 _-]{0,100}PRIVATE KEY(?: BLOCK)?-----|$)/g,
    'private-key',
  ],
  // gitleaks github-pat, github-fine-grained-pat, github-oauth, github-app-token, github-refresh-token
  [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, 'github-token'],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}\b/g, 'github-token'],
  // gitleaks gitlab-pat, gitlab-ptt, gitlab-rrt, gitlab-runner-authentication-token, gitlab-deploy-token, ...
  [/\bgl(?:pat|ptt|rt|dt|cbt|oas|soat|ffct|imt|agent|ft|cd)-[A-Za-z0-9_-]{20,}/g, 'gitlab-token'],
  [/\bGR1348941[A-Za-z0-9_-]{20,}/g, 'gitlab-token'],
  // gitleaks aws-access-token
  [/\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g, 'aws-key'],
  // gitleaks anthropic-api-key / anthropic-admin-api-key, then openai-api-key (sk-proj-, sk-svcacct-, legacy sk-)
  [/\bsk-ant-[A-Za-z0-9_-]{20,}/g, 'anthropic-key'],
  [/\bsk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}/g, 'openai-key'],
  [/\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b/g, 'openai-key'],
  [/\bsk-[A-Za-z0-9]{32,}\b/g, 'api-key'],
  // gitleaks stripe-access-token (secret and restricted keys; publishable pk_ keys are not secret)
  [/\b(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,}/g, 'stripe-key'],
  [/\bwhsec_[A-Za-z0-9]{24,}/g, 'stripe-key'],
  // gitleaks gcp-api-key, and Google OAuth access tokens
  [/\bAIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g, 'google-key'],
  [/\bya29\.[A-Za-z0-9_-]{20,}/g, 'google-token'],
  // gitleaks npm-access-token
  [/\bnpm_[A-Za-z0-9]{36}\b/g, 'npm-token'],
  // gitleaks slack-bot-token, slack-user-token, slack-app-token, ...
  [/\bxox[abeprs]-[A-Za-z0-9-]{10,}/g, 'slack-token'],
  [/\bxapp-\d-[A-Za-z0-9-]{10,}/g, 'slack-token'],
  // gitleaks jwt
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, 'jwt'],
];

// Credentials in a URL (`postgres://user:p@ss@host`): everything up to the last `@` of the
// authority is userinfo, so a password containing `@` is masked whole.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/gi;

// An HTTP authorization header or scheme: the credentials after the scheme word, whatever it is.
const AUTH_HEADER =
  /\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)(?:(bearer|basic|apikey|token|digest|negotiate|aws4-hmac-sha256)\s+)?[^\s"',;]+(?:[^\S\n]*,[^\S\n]*[^\s"',;]+)*/gi;
const AUTH_SCHEME = /\b(bearer|basic|apikey|token)\s+[A-Za-z0-9._~+/=-]{12,}/gi;

// `password=...`, `"api_key": "..."`, `AWS_SECRET_ACCESS_KEY=...`: a key whose name says secret,
// then `=` or `:`, then a quoted or bare value.
const SECRET_KEY_NAME = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]*`;
const KEY_VALUE = new RegExp(
  String.raw`(["']?\b${SECRET_KEY_NAME}["']?)(\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;}]+)`,
  'gi'
);

// A bare AWS secret access key: exactly 40 characters of base64 with a `/` or `+`, a digit and
// mixed case (which a hex digest such as a git commit never has), and at most three `/` (a file
// path of that length has more).
const AWS_SECRET =
  /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]*[/+])(?=[A-Za-z0-9/+]*[0-9])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[A-Z])(?!(?:[A-Za-z0-9+]*\/){4})[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

const ENV_SECRETS = ['CODESENTINEL_ES_API_KEY', 'CODESENTINEL_ES_PASSWORD'];

/** The secrets this process was configured with: masked wherever they appear, whatever their format. */
export function configuredSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  return ENV_SECRETS.map((name) => env[name]).filter((v): v is string => typeof v === 'string' && v.length >= 6);
}

export function redactSecrets(text: string, known: readonly string[] = configuredSecrets()): string {
  let out = text;
  for (const secret of known) {
    out = out.split(secret).join('[REDACTED:configured-secret]');
  }
  out = out.replace(URL_USERINFO, '$1[REDACTED]@');
  for (const [pattern, kind] of TOKEN_PATTERNS) {
    out = out.replace(pattern, `[REDACTED:${kind}]`);
  }
  out = out.replace(AUTH_HEADER, (_m, name: string, sep: string, scheme?: string) =>
    scheme ? `${name}${sep}${scheme} [REDACTED]` : `${name}${sep}[REDACTED]`
  );
  out = out.replace(AUTH_SCHEME, '$1 [REDACTED]');
  out = out.replace(KEY_VALUE, (_m, key: string, sep: string, value: string) =>
    value.startsWith('[REDACTED') ? `${key}${sep}${value}` : `${key}${sep}${quoteLike(value)}`
  );
  return out.replace(AWS_SECRET, '[REDACTED:aws-secret]');
}

function quoteLike(value: string): string {
  const q = value[0] === '"' || value[0] === "'" ? value[0] : '';
  return `${q}[REDACTED]${q}`;
}

/** A URL for display: userinfo (user and password) replaced, so it can go to logs, stderr and /metrics. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = 'REDACTED';
      u.password = '';
    }
    return u.toString();
  } catch {
    return redactSecrets(url);
  }
}
