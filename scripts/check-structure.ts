/**
 * `npm run check:structure`: the rules the extraction wing lives by, checked over `src/`
 * (also run by `npm run lint` and the test suite):
 *
 *   - no file under `src/nlp/` imports from `src/extract/`;
 *   - no stage module imports another stage module (stages share code through `src/model/`,
 *     `src/lexicon/`, `src/text/` and the non-stage modules listed in SHARED);
 *   - no `as unknown as` (a cast that hides a wrong type between modules);
 *   - no file over 600 lines, no line over 120 characters;
 *   - no word list of more than five entries written in the code that reads text (WORD_LIST_DIRS):
 *     an array of six or more string literals, an object of six or more string-valued entries, a
 *     regular expression with an alternation of six or more plain words, or a string of six or
 *     more words split into a list. Word lists live in `data/lexicons/` and are read through
 *     `src/lexicon/load.ts`. (Column names, HTTP headers and UI labels elsewhere are not
 *     vocabulary.)
 *
 * Prints one line per finding and exits 1 when there is any.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..');
const MAX_LINES = 600;
const MAX_LINE_LENGTH = 120;
const MAX_LIST = 5;
/** The code that reads text, where a list of words is vocabulary that belongs in `data/lexicons/`. */
const WORD_LIST_DIRS = ['src/clean/', 'src/ingest/', 'src/nlp/', 'src/extract/', 'src/lexicon/', 'src/text/'];

/** Stage modules: each file or folder is one stage (a folder's files are that stage's parts). */
const STAGES: Record<string, string> = {
  'src/clean/': 'clean',
  'src/nlp/sentences.ts': 'sentences',
  'src/nlp/tokens.ts': 'tokens',
  'src/nlp/ner/': 'ner',
  'src/nlp/attribution/': 'attribution',
  'src/extract/entities': 'entities',
  'src/extract/geo': 'geo',
  'src/extract/quotes': 'quotes',
  'src/extract/claims': 'claims',
  'src/nlp/times': 'times',
  'src/extract/relations': 'relations',
  'src/extract/events': 'events',
};

function stageOf(file: string): string | undefined {
  for (const [prefix, stage] of Object.entries(STAGES)) if (file.startsWith(prefix)) return stage;
  return undefined;
}

function* tsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* tsFiles(p);
    else if (name.endsWith('.ts')) yield p;
  }
}

export interface Finding {
  file: string;
  line: number;
  rule: string;
  text: string;
}

/** One plain word or phrase of an alternation (letters, spaces, hyphens, apostrophes, dots). */
const PLAIN_WORD = /^[\p{L}][\p{L}\p{M}' .’-]*\??$/u;

/** The largest count of plain-word alternatives inside one group (or at top level) of a pattern. */
function largestWordAlternation(pattern: string): number {
  let best = 0;
  const stack: string[][] = [[]];
  let cur = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      cur += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '[') {
      // a character class: read to its closing bracket, as one opaque piece
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      cur += pattern.slice(i, j + 1);
      i = j;
    } else if (c === '(') {
      stack[stack.length - 1].push(cur + '(');
      stack.push([]);
      cur = '';
      // skip group modifiers (?: (?= (?! (?<name>
      if (pattern[i + 1] === '?') {
        const m = /^\?(?::|=|!|<=|<!|<[A-Za-z]\w*>)/.exec(pattern.slice(i + 1));
        if (m) i += m[0].length;
      }
    } else if (c === '|') {
      stack[stack.length - 1].push(cur);
      stack[stack.length - 1].push('|');
      cur = '';
    } else if (c === ')') {
      if (stack.length === 1) {
        cur = ''; // a fragment of a larger pattern: its opening parenthesis is elsewhere
        continue;
      }
      const parts = [...stack.pop()!, cur];
      best = Math.max(best, countWords(parts));
      cur = '';
    } else cur += c;
  }
  return Math.max(best, countWords([...stack[0], cur]));
}

function countWords(parts: string[]): number {
  const alts: string[] = [];
  let acc = '';
  for (const p of parts) {
    if (p === '|') {
      alts.push(acc);
      acc = '';
    } else acc += p;
  }
  alts.push(acc);
  if (alts.length <= 1) return 0;
  return alts.filter((a) => PLAIN_WORD.test(a.replace(/\\s\+?|\\-|\\\./g, ' '))).length;
}

/** A stage's `reads` or `adds`: names of Doc layers, not vocabulary. */
function isLayerList(n: ts.Node): boolean {
  const p = n.parent;
  return ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && (p.name.text === 'reads' || p.name.text === 'adds');
}

function isStringy(n: ts.Node): boolean {
  return ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);
}

export function checkFile(rel: string, source: string): Finding[] {
  const out: Finding[] = [];
  const sf = ts.createSourceFile(rel, source, ts.ScriptTarget.Latest, true);
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const lines = source.split('\n');
  if (lines.length > MAX_LINES)
    out.push({
      file: rel,
      line: lines.length,
      rule: 'file-length',
      text: `${lines.length} lines (at most ${MAX_LINES})`,
    });
  lines.forEach((l, i) => {
    if (l.length > MAX_LINE_LENGTH)
      out.push({
        file: rel,
        line: i + 1,
        rule: 'line-length',
        text: `${l.length} characters (at most ${MAX_LINE_LENGTH})`,
      });
  });
  const myStage = stageOf(rel);
  const wordLists = WORD_LIST_DIRS.some((d) => rel.startsWith(d));
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) {
      const spec = n.moduleSpecifier;
      if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec.text));
        if (rel.startsWith('src/nlp/') && target.startsWith('src/extract/')) {
          out.push({ file: rel, line: lineOf(n), rule: 'layering', text: `src/nlp imports ${target}` });
        }
        const theirStage = stageOf(target);
        if (myStage && theirStage && theirStage !== myStage) {
          out.push({
            file: rel,
            line: lineOf(n),
            rule: 'stage-import',
            text: `stage ${myStage} imports stage ${theirStage} (${target})`,
          });
        }
      }
    }
    if (
      ts.isAsExpression(n) &&
      ts.isAsExpression(n.expression) &&
      n.expression.type.kind === ts.SyntaxKind.UnknownKeyword
    ) {
      out.push({ file: rel, line: lineOf(n), rule: 'as-unknown-as', text: n.getText(sf).slice(0, 60) });
    }
    if (wordLists) checkWordLists(n);
    ts.forEachChild(n, visit);
  };
  const checkWordLists = (n: ts.Node): void => {
    if (
      ts.isArrayLiteralExpression(n) &&
      n.elements.length > MAX_LIST &&
      n.elements.every(isStringy) &&
      !isLayerList(n)
    ) {
      out.push({ file: rel, line: lineOf(n), rule: 'word-list', text: `${n.elements.length} strings in an array` });
    }
    if (ts.isObjectLiteralExpression(n) && n.properties.length > MAX_LIST) {
      const stringy = n.properties.filter((p) => ts.isPropertyAssignment(p) && isStringy(p.initializer)).length;
      if (stringy > MAX_LIST)
        out.push({ file: rel, line: lineOf(n), rule: 'word-list', text: `${stringy} string entries in an object` });
    }
    if (ts.isRegularExpressionLiteral(n)) {
      const body = n.text.slice(1, n.text.lastIndexOf('/'));
      const k = largestWordAlternation(body);
      if (k > MAX_LIST)
        out.push({ file: rel, line: lineOf(n), rule: 'word-list', text: `${k} words in a pattern's alternation` });
    }
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n)) && n.parent) {
      const k = largestWordAlternation(n.text);
      const inRegExp =
        ts.isNewExpression(n.parent) || ts.isTemplateExpression(n.parent) || ts.isCallExpression(n.parent);
      if (k > MAX_LIST && inRegExp && /\|/.test(n.text))
        out.push({ file: rel, line: lineOf(n), rule: 'word-list', text: `${k} words in a pattern's alternation` });
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'split') {
      const target = n.expression.expression;
      if (isStringy(target) && (target as ts.StringLiteral).text.split(/[\s,|]+/).filter(Boolean).length > MAX_LIST) {
        out.push({ file: rel, line: lineOf(n), rule: 'word-list', text: 'a string of words split into a list' });
      }
    }
  };
  visit(sf);
  return out;
}

export function checkTree(root = ROOT): Finding[] {
  const out: Finding[] = [];
  for (const f of tsFiles(path.join(root, 'src'))) {
    const rel = path.relative(root, f).split(path.sep).join('/');
    out.push(...checkFile(rel, readFileSync(f, 'utf8')));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.slice(2);
  const findings = checkTree().filter((f) => only.length === 0 || only.some((o) => f.file.startsWith(o)));
  for (const f of findings) console.log(`${f.file}:${f.line}: ${f.rule}: ${f.text}`);
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  console.log(
    findings.length === 0
      ? 'structure: ok'
      : `structure: ${findings.length} findings (${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')})`,
  );
  process.exit(findings.length === 0 ? 0 : 1);
}
