// Survey ingest benchmark: a staff-survey export of 10,000 respondents × 5 open questions (plus
// an id, an e-mail column that ingest must refuse, and four attribute columns), written as CSV,
// then `ingest --survey` through the library. Target (issue 16): under 10 s. The baseline,
// measured in the same run, is parsing the same CSV with csv-parse alone: the part no
// implementation can skip. Also times a query and a matrix over the respondents' attributes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RESPONDENTS = 10_000;
const QUESTIONS = 5;
const WORDS = ('staff recruitment selection promotion women disability age race ethnicity policy report manager grade contract ' +
  'national international office review data equality discrimination structural racism career learning mobility complaint ' +
  'retaliation leadership accountability performance rating interview panel colleague agency field supervisor training ' +
  'the a of and to in is that for with was not we our my they are be have').split(' ');

function writeSurvey(file, rand) {
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const answer = () => {
    const words = Array.from({ length: 8 + Math.floor(rand() * 40) }, () => pick(WORDS));
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return `"${words.join(' ')}."`;
  };
  const lines = [['Respondent ID', 'Email', 'Gender', 'Grade', 'Age', 'Region', ...Array.from({ length: QUESTIONS }, (_, q) => `Q${q + 1}. Open question ${q + 1}`)].join(',')];
  for (let r = 1; r <= RESPONDENTS; r++) {
    const skipped = rand() < 0.1 ? Math.floor(rand() * QUESTIONS) : -1; // a tenth leave one answer blank
    lines.push([r, `person${r}@agency.example`, pick(['Woman', 'Man', 'Non-binary', 'Prefer not to say']), pick(['G4', 'G5', 'G6', 'P2', 'P3', 'P4', 'P5', 'D1']),
      20 + Math.floor(rand() * 45), pick(['Africa', 'Americas', 'Asia-Pacific', 'Europe', 'Middle East']),
      ...Array.from({ length: QUESTIONS }, (_, q) => (q === skipped ? '' : answer()))].join(','));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

const time = async (fn) => {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
};

export async function run(_args, root) {
  const { Db } = await import(path.join(root, 'dist/core/store/index.js'));
  const { ingestSurvey } = await import(path.join(root, 'dist/core/cases/index.js'));
  const { runQuery, matrix } = await import(path.join(root, 'dist/core/query/index.js'));
  const { seeded } = await import(path.join(root, 'dist/core/review/prioritise.js'));
  const { parse } = await import('csv-parse/sync');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litkit-bench-survey-'));
  try {
    const csv = path.join(dir, 'survey.csv');
    writeSurvey(csv, seeded(7));
    const mb = fs.statSync(csv).size / 2 ** 20;
    const baseline = await time(() => parse(fs.readFileSync(csv, 'utf8'), { bom: true }).length);
    const db = Db.open(path.join(dir, 'p.sqlite'), { create: true });
    const ingest = await time(() => ingestSurvey(db, csv));
    const r = ingest.value;
    const refused = r.columns.filter((c) => c.role === 'identifying').map((c) => c.header);
    const query = await time(() => runQuery(db, 'case.age >= 50 AND question:Q4 AND text:retaliation', { count: true }));
    db.sql.exec("INSERT INTO frameworks (id, title, version, source, loaded_at) VALUES ('bench', 'bench', '1', '', 'now')");
    db.sql.exec("INSERT INTO codes (id, framework_id, label, position) VALUES ('retaliation', 'bench', 'Retaliation', 1)");
    db.sql.exec("INSERT INTO codings (code_id, document_id, segment_id, page, start, end, coder, created_at) SELECT 'retaliation', document_id, id, page, start, end, 'auto', 'now' FROM segments WHERE id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH 'retaliation')");
    const table = await time(() => matrix(db, { columns: 'case.gender' }));
    db.close();
    console.log(`Survey CSV: ${RESPONDENTS} respondents × ${QUESTIONS} questions, ${mb.toFixed(1)} MiB`);
    console.log(`  baseline (csv-parse alone):  ${(baseline.ms / 1000).toFixed(2)} s`);
    console.log(`  ingest --survey:             ${(ingest.ms / 1000).toFixed(2)} s (${(ingest.ms / baseline.ms).toFixed(1)}× the parse; target < 10 s: ${ingest.ms < 10_000 ? 'met' : 'NOT met'})`);
    console.log(`    ${r.respondents} cases, ${r.answers} answers; refused as identifying: ${refused.join(', ') || 'none'}`);
    console.log(`  query case.age >= 50 AND question:Q4 AND text:retaliation: ${query.ms.toFixed(0)} ms (${query.value.total} answers)`);
    console.log(`  table matrix --cols case.gender: ${table.ms.toFixed(0)} ms (${table.value.columns.join(', ')})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
