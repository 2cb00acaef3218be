// Free text (error messages, comments) may carry secrets an agent saw; the index is read by
// everyone with dashboard access, so obvious credentials are masked before anything is stored.

const PATTERNS: Array<[RegExp, string]> = [
  [/\b(gh[pousr]_[A-Za-z0-9]{20,})\b/g, '[REDACTED:github-token]'],
  [/\b(github_pat_[A-Za-z0-9_]{20,})\b/g, '[REDACTED:github-token]'],
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '[REDACTED:aws-key]'],
  [/\b(xox[abprs]-[A-Za-z0-9-]{10,})\b/g, '[REDACTED:slack-token]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, '[REDACTED:jwt]'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[REDACTED:private-key]'],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{12,}/gi, '$1 [REDACTED]'],
  [
    /\b(password|passwd|pwd|secret|token|api[_-]?key|authorization)(\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi,
    '$1$2[REDACTED]',
  ],
  [/(\w+:\/\/)[^/\s:@]+:[^/\s@]+@/g, '$1[REDACTED]@'],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement);
  }
  return out;
}
