#!/usr/bin/env node
// Fails unless every alert in infrastructure/prometheus/rules has a promtool unit test in which it
// fires and one in which it stays quiet, and every recording rule is evaluated by some
// promql_expr_test. Prints the inventory it checked.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(process.cwd(), 'infrastructure', 'prometheus');
const yamlFiles = (dir) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));

const alerts = new Set();
const records = new Set();
for (const file of yamlFiles(join(root, 'rules'))) {
  for (const group of parse(readFileSync(file, 'utf8')).groups ?? []) {
    for (const rule of group.rules ?? []) {
      if (rule.alert) {
        alerts.add(rule.alert);
      } else if (rule.record) {
        records.add(rule.record);
      }
    }
  }
}

const firing = new Set();
const quiet = new Set();
const evaluated = new Set();
let cases = 0;
for (const file of yamlFiles(join(root, 'tests'))) {
  for (const test of parse(readFileSync(file, 'utf8')).tests ?? []) {
    for (const t of test.alert_rule_test ?? []) {
      cases += 1;
      (t.exp_alerts?.length ? firing : quiet).add(t.alertname);
    }
    for (const t of test.promql_expr_test ?? []) {
      cases += 1;
      for (const name of records) {
        if (new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w:])`).test(t.expr)) {
          evaluated.add(name);
        }
      }
    }
  }
}

const problems = [
  ...[...alerts].filter((a) => !firing.has(a)).map((a) => `alert ${a} has no test where it fires`),
  ...[...alerts].filter((a) => !quiet.has(a)).map((a) => `alert ${a} has no test where it stays quiet`),
  ...[...records].filter((r) => !evaluated.has(r)).map((r) => `recording rule ${r} is never evaluated by a test`),
];
console.log(`rule coverage: ${alerts.size} alerts (each firing and quiet), ${records.size} recording rules, ${cases} test cases`);
if (problems.length > 0) {
  console.error(problems.map((p) => `  MISSING: ${p}`).join('\n'));
  process.exit(1);
}
