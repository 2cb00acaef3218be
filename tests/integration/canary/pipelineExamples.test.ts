// The pipeline examples in infrastructure/canary/ against the published CRD schemas, offline: the
// JSON schemas in infrastructure/canary/schemas/ were converted from the CRDs' openAPIV3Schema
// (Argo Rollouts v1.7.2 manifests/crds, Flagger v1.38.0 artifacts/flagger/crd.yaml, both fetched as
// Go modules) with kubeconform's openapi2jsonschema.py; `kubeconform -strict` accepts the same files.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';

import { main } from '../../../canary/cli';
import { METADATA_FLAGS } from '../../../canary/serve';

const DIR = join(__dirname, '../../../infrastructure/canary');
const SCHEMAS = join(DIR, 'schemas');

function schemaFor(kind: string, apiVersion: string): object {
  const version = apiVersion.split('/').pop() as string;
  return JSON.parse(readFileSync(join(SCHEMAS, `${kind.toLowerCase()}_${version}.json`), 'utf8'));
}

const documents = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map(
      (d) => [file, d.toJSON() as { kind: string; apiVersion: string; metadata: { name: string } }] as const
    )
  )
  .filter(([, doc]) => ['AnalysisTemplate', 'Canary', 'MetricTemplate'].includes(doc.kind));

// Strict like `kubeconform -strict`: the converted schemas forbid unknown fields.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

test('the examples include an Argo Rollouts AnalysisTemplate', () => {
  expect(documents.map(([, d]) => d.kind)).toContain('AnalysisTemplate');
});

test.each(documents.map(([file, doc]) => [file, doc.kind, doc] as const))(
  '%s: %s is valid against its CRD schema',
  (_file, _kind, doc) => {
    const validate = ajv.compile(schemaFor(doc.kind, doc.apiVersion));
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  }
);

test('the schema check rejects an unknown field (it is not vacuous)', () => {
  const [, doc] = documents.find(([, d]) => d.kind === 'AnalysisTemplate')!;
  const broken = JSON.parse(JSON.stringify(doc));
  broken.spec.metrics[0].bogusField = 1;
  expect(ajv.compile(schemaFor(doc.kind, doc.apiVersion))(broken)).toBe(false);
});

test('the AnalysisTemplate runs the command with arguments it accepts (Prometheus down: a hold, not a usage error)', async () => {
  const [, doc] = documents.find(([, d]) => d.kind === 'AnalysisTemplate')!;
  const spec = doc as unknown as {
    spec: {
      args: Array<{ name: string; value?: string }>;
      metrics: Array<{
        provider: { job: { spec: { template: { spec: { containers: Array<{ args: string[] }> } } } } };
      }>;
    };
  };
  const given: Record<string, string> = {
    service: 'checkout',
    'canary-hash': '6c9f7d',
    'stable-hash': '5b8e6c',
    'prometheus-url': 'http://127.0.0.1:9',
  };
  const defaults = Object.fromEntries(
    spec.spec.args.filter((a) => a.value !== undefined).map((a) => [a.name, a.value as string])
  );
  const values = { ...defaults, ...given };
  const args = spec.spec.metrics[0].provider.job.spec.template.spec.containers[0].args.map((a) =>
    a.replace(/\{\{args\.([\w-]+)\}\}/g, (_m, name: string) => values[name])
  );
  let err = '';
  const code = await main(args, { out: () => undefined, err: (t) => (err += t), env: {}, now: () => 1_700_000_000 });
  expect(err).toContain('did not answer');
  expect(err).not.toContain('Usage');
  expect(code).toBe(2);
});

test("the Flagger Canary calls the judge's webhook with metadata the server accepts", () => {
  const [, doc] = documents.find(([, d]) => d.kind === 'Canary')!;
  const hooks = (
    doc as unknown as {
      spec: { analysis: { webhooks: Array<{ type: string; url: string; metadata?: Record<string, string> }> } };
    }
  ).spec.analysis.webhooks;
  const judge = hooks.find((h) => h.url.includes('codesentinel-canary'));
  expect(judge?.type).toBe('confirm-promotion');
  expect(Object.keys(judge?.metadata ?? {}).filter((k) => !(METADATA_FLAGS as readonly string[]).includes(k))).toEqual(
    []
  );
});
