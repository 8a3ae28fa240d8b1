#!/usr/bin/env node
// `npm run demo`: builds a fresh project from the bundled demo corpus and shows what litkit found,
// by running the litkit CLI exactly as a user would. The project lands in .demo/ (git-ignored).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const project = path.join(root, '.demo');
const corpus = path.join(root, 'corpus');

function litkit(...args) {
  console.log(`\n$ litkit ${args.map((a) => (/[\s*()"]/.test(a) ? `'${a}'` : a)).join(' ')}`);
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'run.js'), ...args], { cwd: project, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`demo: \`litkit ${args.join(' ')}\` exited with ${r.status}`);
    process.exit(r.status ?? 1);
  }
}

fs.rmSync(project, { recursive: true, force: true });
fs.mkdirSync(project, { recursive: true });
litkit('init', '.');
// Each folder of the corpus is one kind of source; the attribute lets later queries tell them apart.
const kinds = { policies: 'policy', reports: 'report', surveys: 'survey', transcripts: 'transcript', literature: 'literature' };
for (const [folder, type] of Object.entries(kinds)) litkit('ingest', path.join(corpus, folder), '--attr', `type=${type}`);
// The staff survey's export: respondents become cases with attributes, answers cited segments.
litkit('ingest', path.join(corpus, 'surveys', 'staff-survey-2023-responses.csv'), '--survey', '--attr', 'type=survey', '--attr', 'title=Global Staff Survey 2023: responses', '--attr', 'year=2023');
litkit('docs', 'list');
// Transcripts' turns were found at ingest: who speaks, and in which role.
litkit('speakers', 'list');
// Coding: the bundled framework, auto-coded; the table printed is the code frequency table.
litkit('framework', 'load', 'race-equality');
litkit('code', 'auto');
litkit('search', 'structural racism', '--limit', '3');
litkit('search', 'promot* AND (women OR gender)', '--limit', '3');
litkit('search', 'NEAR(retaliation fear, 5)', '--limit', '3');
litkit('code', 'list', '--code', 'intersectionality.disability', '--limit', '3');
// Querying the coded evidence.
litkit('query', 'employment.promotion AND (intersectionality.gender OR race) AND doc.type = policy', '--limit', '3');
litkit('table', 'matrix', '--rows', 'employment.*', '--cols', 'attr:type');
// The survey by respondents' gender, and the transcripts by speakers' role (interviewers' turns are not auto-coded).
litkit('table', 'matrix', '--rows', 'employment.*', '--cols', 'case.gender', '--where', 'doc.type = survey');
litkit('query', 'employment.promotion AND case.age >= 50', '--limit', '3');
litkit('table', 'matrix', '--rows', 'employment.*', '--cols', 'speaker.role');
litkit('definitions', 'race', 'ethnicity', 'structural racism');
// The deliverable: the desk-review skeleton, filled from the project, in Word and Markdown.
litkit('report', 'desk-review', '--out', 'desk-review.docx');
litkit('report', 'desk-review', '--out', 'desk-review.md');
const where = path.relative(process.cwd(), project) || '.';
console.log(`\nThe demo project is in ${where}/; the desk review is ${path.join(where, 'desk-review.docx')} (Word) and ${path.join(where, 'desk-review.md')} (Markdown).`);
console.log(`Try: cd ${where} && ../bin/run.js query 'intersectionality.disability NEAR/2 employment.recruitment'`);
