import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases, setSpeakerAttributes } from '../../src/core/cases/index.js';
import { listSegments } from '../../src/core/documents/index.js';
import { autocode } from '../../src/core/coding/index.js';
import { bundledFramework, loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { matrix, runQuery } from '../../src/core/query/index.js';
import { Db } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';

// One short interview per speaker style; each has the same answer about retaliation by P3, so
// every style can be checked for its speaker and timestamp the same way.
const ANSWER = 'I did not report it because I fear retaliation from my supervisor.';
const STYLES: Record<string, string> = {
  'interview-labels.txt': `Interview 01\n\nInterviewer: Have you seen racism at work?\n\nP3: ${ANSWER}\n\nThe panel never asked about it either.\n\nInterviewer: What would help?\n\nP3: Clear promotion criteria for national staff.\n`,
  'interview-timed.txt': `Interview 07\n\n[00:12:31] Interviewer: Have you seen racism at work?\n\n[00:12:40] P3: ${ANSWER}\n\n[00:13:05] Interviewer: What would help?\n\n[00:13:10] P3: Clear promotion criteria for national staff.\n`,
  'interview-qa.md': `# Interview 02\n\nQ: Have you seen racism at work?\n\nA: ${ANSWER}\n\nQ: What would help?\n\nA: Clear promotion criteria for national staff.\n`,
  'interview-otter.txt': `Interview 03\n\nSPEAKER 1  0:05\nHave you seen racism at work?\n\nSPEAKER 2  0:09\n${ANSWER}\n\nSPEAKER 1  1:02\nWhat would help?\n\nSPEAKER 2  1:07\nClear promotion criteria for national staff.\n`,
  'interview-04.vtt': `WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Moderator>Have you seen racism at work?</v>\n\n00:00:05.000 --> 00:00:08.500\n<v Amina>I did not report it because I fear\n\n00:00:08.500 --> 00:00:11.000\n<v Amina>retaliation from my supervisor.</v>\n\n00:00:12.000 --> 00:00:14.000\n<v Moderator>What would help?</v>\n\n00:00:15.000 --> 00:00:18.000\n<v Amina>Clear promotion criteria for national staff.</v>\n`,
  'interview-05.srt': `1\n00:01:00,000 --> 00:01:03,000\nINTERVIEWER: Have you seen racism at work?\n\n2\n00:01:04,000 --> 00:01:07,000\nP3: I did not report it because I fear\n\n3\n00:01:07,000 --> 00:01:10,000\nretaliation from my supervisor.\n\n4\n00:01:11,000 --> 00:01:13,000\nINTERVIEWER: What would help?\n\n5\n00:01:14,000 --> 00:01:17,000\nP3: Clear promotion criteria for national staff.\n`,
};

interface Turn {
  speaker: string | null;
  time_s: number | null;
  text: string;
}

describe('transcripts: speaker turns detected in every style, stored with speaker and time', () => {
  let dir: string;
  let db: Db;
  const docId = new Map<string, number>();
  beforeAll(async () => {
    dir = tempDir();
    for (const [name, text] of Object.entries(STYLES)) fs.writeFileSync(path.join(dir, name), text);
    const paragraphs = ['Interview 06', 'Interviewer: Have you seen racism at work?', `P3: ${ANSWER}`, 'Interviewer: What would help?', 'P3: Clear promotion criteria for national staff.'];
    fs.writeFileSync(path.join(dir, 'interview-06.docx'), await Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((t) => new Paragraph(t)) }] })));
    // Not a transcript: a policy whose notes and examples open with a label.
    fs.writeFileSync(path.join(dir, 'policy.txt'), 'Promotion policy\n\nNote: promotion panels include a staff representative.\n\nExample: a P-3 post advertised internally.\n\nNote: time in grade is not a criterion.\n\nExample: a G-5 post.\n\nNote: panels publish their criteria.\n\nExample: a P-4 post.\n\nManagers explain every decision in writing to the candidates.\n');
    db = Db.open(path.join(dir, 'p.sqlite'), { create: true });
    await ingest(db, [dir], { jobs: 0 });
    for (const r of db.sql.prepare('SELECT id, source_path FROM documents').all() as { id: number; source_path: string }[]) docId.set(path.basename(r.source_path), r.id);
    const file = bundledFramework('race-equality');
    const source = fs.readFileSync(file, 'utf8');
    loadFramework(db, parseFramework(source, file), source);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const turns = (file: string) =>
    db.sql
      .prepare('SELECT c.label AS speaker, s.time_s, s.text FROM segments s LEFT JOIN cases c ON c.id = s.case_id WHERE s.document_id = ? ORDER BY s.seq')
      .all(docId.get(file)) as Turn[];
  const answer = (file: string) => turns(file).find((t) => t.text.includes('retaliation'))!;

  it.each([
    ['interview-labels.txt', 'P3', null],
    ['interview-timed.txt', 'P3', 12 * 60 + 40],
    ['interview-qa.md', 'A', null],
    ['interview-otter.txt', 'SPEAKER 2', 9],
    ['interview-04.vtt', 'Amina', 5],
    ['interview-05.srt', 'P3', 64],
    ['interview-06.docx', 'P3', null],
  ])('%s: the answer is a turn of %s at %s s', (file, speaker, time) => {
    expect(answer(file)).toMatchObject({ speaker, time_s: time });
  });

  it('lists each segment with who says it', () => {
    const who = listSegments(db, docId.get('interview-timed.txt')!).map((s) => s.who);
    expect(who).toEqual([null, 'Interviewer, 00:12:31', 'P3, 00:12:40', 'Interviewer, 00:13:05', 'P3, 00:13:10']);
  });

  it('joins subtitle cues of one speaker into one turn', () => {
    expect(answer('interview-04.vtt').text).toBe(`[00:00:05] Amina: ${ANSWER}`);
    expect(answer('interview-05.srt').text).toBe(`[00:01:04] P3: ${ANSWER}`);
  });

  it('keeps a paragraph that continues a turn with its speaker, and finds no speakers in a policy', () => {
    const t = turns('interview-labels.txt');
    expect(t.find((x) => x.text.startsWith('The panel never'))!.speaker).toBe('P3');
    expect(t[0]!.speaker).toBeNull(); // the title
    expect(turns('policy.txt').every((x) => x.speaker === null)).toBe(true);
  });

  it('gives the one asking the role interviewer', () => {
    const roles = Object.fromEntries(listCases(db, { kind: 'speaker' }).map((c) => [`${c.label}@${c.documentId}`, c.attributes.role]));
    expect(roles[`Interviewer@${docId.get('interview-labels.txt')}`]).toBe('interviewer');
    expect(roles[`Q@${docId.get('interview-qa.md')}`]).toBe('interviewer');
    expect(roles[`Moderator@${docId.get('interview-04.vtt')}`]).toBe('interviewer');
    expect(roles[`A@${docId.get('interview-qa.md')}`]).toBe('participant');
    expect(roles[`SPEAKER 1@${docId.get('interview-otter.txt')}`]).toBe('participant');
  });

  it('cites a turn by transcript, speaker and time (by paragraph where untimed)', () => {
    const cites = runQuery(db, 'text:retaliation').excerpts.map((e) => e.citation);
    expect(cites).toContain('Interview 07 (n.d.), P3, 00:12:40');
    expect(cites).toContain('Interview 04 (n.d.), Amina, 00:00:05');
    expect(cites.find((c) => c.startsWith('Interview 01'))).toMatch(/^Interview 01 \(n\.d\.\), para\. \d+, P3$/);
  });

  it('leaves interviewer turns out of auto-coding unless asked', () => {
    const codedSpeakers = () =>
      db.sql.prepare("SELECT DISTINCT v.value FROM codings k JOIN segments s ON s.id = k.segment_id JOIN case_attributes v ON v.case_id = s.case_id AND v.key = 'role' WHERE k.coder = 'auto'").pluck().all();
    autocode(db);
    expect(codedSpeakers()).toEqual(['participant']);
    // "Have you seen racism at work?" is codable text: only the speaker's role kept it out.
    autocode(db, { includeInterviewer: true });
    expect(codedSpeakers().sort()).toEqual(['interviewer', 'participant']);
    autocode(db);
    expect(codedSpeakers()).toEqual(['participant']);
  });

  it('queries speaker: by the stored speaker, continuation paragraphs included', () => {
    const texts = runQuery(db, `speaker:p3 AND doc.id = ${docId.get('interview-labels.txt')}`).excerpts.map((e) => e.text);
    expect(texts).toEqual([`P3: ${ANSWER}`, 'The panel never asked about it either.', 'P3: Clear promotion criteria for national staff.']);
  });

  it('gives speakers attributes that queries and tables use', () => {
    expect(() => setSpeakerAttributes(db, 'P3', { gender: 'woman' })).toThrow(/speaks in documents .*--doc/);
    const timed = docId.get('interview-timed.txt')!;
    setSpeakerAttributes(db, 'P3', { gender: 'woman', grade: 'G5' }, { documentIds: [timed] });
    setSpeakerAttributes(db, 'Amina', { gender: 'woman' });
    setSpeakerAttributes(db, 'SPEAKER 2', { gender: 'man' });
    const cites = runQuery(db, 'speaker.gender = woman AND text:retaliation').excerpts.map((e) => e.citation);
    expect(cites.sort()).toEqual(['Interview 04 (n.d.), Amina, 00:00:05', 'Interview 07 (n.d.), P3, 00:12:40']);
    expect(runQuery(db, 'case.grade = "g5"').excerpts.map((e) => e.citation)).toEqual(['Interview 07 (n.d.), P3, 00:12:40', 'Interview 07 (n.d.), P3, 00:13:10']);
    const m = matrix(db, { codes: 'employment.grievance', columns: 'speaker.gender' });
    expect(m.columns).toEqual(['(none)', 'man', 'woman']);
    // The retaliation answer of the seven interviews: P3 of 07 and Amina are women, SPEAKER 2 a man,
    // the four others' speakers have no gender.
    expect(m.cells[0]).toEqual([4, 1, 2]);
    const roles = matrix(db, { codes: 'employment.grievance', columns: 'speaker.role' });
    expect(roles.cells[0]![roles.columns.indexOf('interviewer')]).toBe(0);
  });
});
