// Parses the procedures out of one AGENT_INSTRUCTIONS.md. The canonical layout is
//   ### Procedure N: Title
//   **When**: condition
//   **Steps**:
//   1. ...
// but published satellites drift (other heading levels, `—`/`-`/`.` separators, `**When:**`, bullets,
// `1)`), and some were run through a broken Unicode clean-up that put `->` before every character.
// Everything we could not read is reported, never silently dropped.
import { createHash } from 'node:crypto';

export interface ParsedProcedure {
  number: number;
  title: string;
  when?: string;
  steps: string[];
  /** sha256 of the normalised section text (repaired, LF, trailing spaces trimmed). */
  contentSha: string;
  line: number;
}

export interface SkippedItem {
  line: number;
  reason: string;
}

export interface ParsedSatelliteFile {
  procedures: ParsedProcedure[];
  skipped: SkippedItem[];
  /** Lines repaired from the `->` damage. */
  repairedLines: number;
}

const DAMAGED_LINE = /^(?:->[^\n])+(?:->)?$/;

/**
 * Undo the `->` damage. A line is damaged when *every* character is preceded by `->`; a real
 * arrow (`build -> test`) never matches that, so undamaged text passes through unchanged.
 */
export function repairArrowDamage(text: string): { text: string; repairedLines: number } {
  let repairedLines = 0;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out = lines.map((line) => {
    if (line.length >= 2 && DAMAGED_LINE.test(line)) {
      repairedLines++;
      return line.replace(/->([^\n])/g, '$1').replace(/->$/, '');
    }
    return line;
  });
  return { text: out.join('\n'), repairedLines };
}

// `### Procedure 3: Title`, `## Procedure 3 — Title`, `#### PROC-3. Title`, `### Procedure #3 - Title`
const HEADING = /^(#{1,6})\s+(?:Procedure|PROC)[\s-]*#?\s*(\d+)?\s*(?:[:.\u2014\u2013)-]\s*(.*))?$/i;
const ANY_HEADING = /^(#{1,6})\s+/;
const WHEN = /^\s*(?:\*\*|__)?When(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(.*)$/i;
const STEPS = /^\s*(?:\*\*|__)?Steps(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(.*)$/i;
const STEP_ITEM = /^\s*(?:\d+[.)]|[-*+])\s+(.+)$/;

interface Section {
  level: number;
  number?: number;
  title: string;
  start: number;
  lines: string[];
}

function collectSections(lines: string[], skipped: SkippedItem[]): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  lines.forEach((line, i) => {
    const heading = ANY_HEADING.exec(line);
    if (heading) {
      const level = heading[1].length;
      if (current && level <= current.level) {
        sections.push(current);
        current = undefined;
      }
      const proc = HEADING.exec(line.trim());
      if (proc) {
        if (current) {
          sections.push(current);
        }
        const title = (proc[3] ?? '').trim();
        if (!proc[2]) {
          skipped.push({ line: i + 1, reason: `procedure heading without a number: ${JSON.stringify(line.trim())}` });
          current = undefined;
          return;
        }
        current = { level, number: Number(proc[2]), title, start: i, lines: [line] };
        return;
      }
    }
    current?.lines.push(line);
  });
  if (current) {
    sections.push(current);
  }
  return sections;
}

function parseSection(section: Section, skipped: SkippedItem[]): ParsedProcedure | undefined {
  const line = section.start + 1;
  if (!section.number || section.number < 1) {
    skipped.push({ line, reason: 'procedure number must be 1 or more' });
    return undefined;
  }
  if (!section.title) {
    skipped.push({ line, reason: `Procedure ${section.number} has no title` });
    return undefined;
  }
  let when: string | undefined;
  const steps: string[] = [];
  let inSteps = false;
  for (const raw of section.lines.slice(1)) {
    const whenMatch = WHEN.exec(raw);
    if (whenMatch) {
      when = whenMatch[1].trim() || undefined;
      inSteps = false;
      continue;
    }
    const stepsMatch = STEPS.exec(raw);
    if (stepsMatch) {
      inSteps = true;
      if (stepsMatch[1].trim()) {
        steps.push(stepsMatch[1].trim());
      }
      continue;
    }
    const item = STEP_ITEM.exec(raw);
    // Only top-level items count as steps; indented sub-bullets belong to the step above.
    if (inSteps && item && !/^\s{2,}/.test(raw)) {
      steps.push(item[1].trim());
    }
  }
  if (steps.length === 0) {
    skipped.push({ line, reason: `Procedure ${section.number} (${section.title}) has no **Steps** list` });
    return undefined;
  }
  const normalised = section.lines
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
  return {
    number: section.number,
    title: section.title,
    when,
    steps,
    contentSha: createHash('sha256').update(normalised, 'utf8').digest('hex'),
    line,
  };
}

export function parseSatelliteText(input: string): ParsedSatelliteFile {
  const skipped: SkippedItem[] = [];
  if (input.includes('\u0000')) {
    return {
      procedures: [],
      skipped: [{ line: 0, reason: 'file looks binary (contains NUL bytes)' }],
      repairedLines: 0,
    };
  }
  const { text, repairedLines } = repairArrowDamage(input.replace(/^\uFEFF/, ''));
  const sections = collectSections(text.split('\n'), skipped);
  const procedures: ParsedProcedure[] = [];
  const seen = new Set<number>();
  for (const section of sections) {
    const proc = parseSection(section, skipped);
    if (!proc) {
      continue;
    }
    if (seen.has(proc.number)) {
      skipped.push({ line: proc.line, reason: `duplicate Procedure ${proc.number}; the first one is kept` });
      continue;
    }
    seen.add(proc.number);
    procedures.push(proc);
  }
  if (procedures.length === 0 && skipped.length === 0) {
    skipped.push({ line: 0, reason: 'no "### Procedure N: Title" headings found' });
  }
  return { procedures, skipped, repairedLines };
}
