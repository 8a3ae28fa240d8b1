import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, litkit, tempProject } from '../helpers.js';

// The README's survey and speakers flow, end to end through the built binary.
describe('litkit ingest --survey and litkit speakers', () => {
  let project: string;
  beforeAll(async () => {
    project = await tempProject();
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it('ingests the demo survey, prints the mapping and one warning line for the e-mail column', async () => {
    const csv = path.join(CORPUS, 'surveys', 'staff-survey-2023-responses.csv');
    const r = await litkit(['ingest', csv, '--survey', '--attr', 'title=Staff survey', '--attr', 'year=2023'], { cwd: project });
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^litkit: .*staff-survey-2023-responses\.csv: column "Email \(optional.*" left out: its header names personal data; keep it with --keep-identifying .* \(W_IDENTIFYING\)$/)]);
    expect(r.stdout).toContain('"Age" as case.age (number)');
    expect(r.stdout).toContain('Ingested survey: 20 respondents (cases), 40 answers');
    const q = await litkit(['query', 'case.age >= 60 AND question:Q13', '--format', 'csv'], { cwd: project });
    // Respondents 1013 (61) and 1020 (55 is under): only 1013 is 60 or over.
    expect(q.stdout.trim().split('\n').slice(1)).toEqual([expect.stringMatching(/^"Staff survey \(2023\), respondent 1013, Q13",/)]);
  });

  it('refuses a mapping naming an unknown column (exit 2) and repeated ids (exit 3), storing nothing', async () => {
    const file = path.join(project, 'dup.csv');
    fs.writeFileSync(file, 'Respondent ID,Comment\n7,Promotion is opaque here.\n7,Nobody explains the criteria.\n');
    const usage = await litkit(['ingest', file, '--survey', '--text-cols', 'Answers'], { cwd: project });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^litkit: --text-cols: no column "Answers"; the columns are "Respondent ID", "Comment" \(E_USAGE\)\n$/);
    const dup = await litkit(['ingest', file, '--survey'], { cwd: project });
    expect(dup.code).toBe(3);
    expect(dup.stderr).toMatch(/^litkit: .*dup\.csv: respondent id "7" is on rows 2 and 3; .*\(E_SURVEY_ID\)\n$/);
    expect((await litkit(['docs', 'list', '--csv'], { cwd: project })).stdout.trim().split('\n')).toHaveLength(2);
  });

  it('lists speakers and sets their attributes, asking which document when a label speaks in several', async () => {
    expect((await litkit(['ingest', path.join(CORPUS, 'transcripts')], { cwd: project })).code).toBe(0);
    expect((await litkit(['speakers', 'list'], { cwd: project })).stdout).toMatch(/Focus group discussion 2: Headquarters staff\s+P4\s+2\s+role=participant/);
    const ambiguous = await litkit(['speakers', 'set', 'P3', 'gender=woman'], { cwd: project });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/speaker "P3" speaks in documents \d+, \d+; say which with --doc/);
    const set = await litkit(['speakers', 'set', 'P4', 'gender=woman', 'grade=P4'], { cwd: project });
    expect(set.code).toBe(0);
    const q = (await litkit(['query', 'speaker.gender = woman', '--format', 'csv'], { cwd: project })).stdout.trim().split('\n').slice(1);
    expect(q).toEqual([expect.stringMatching(/^"Focus group discussion 2: Headquarters staff \(2023\), para\. 7, P4",/), expect.stringMatching(/para\. 14, P4",/)]);
  });
});
