import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import JSZip from 'jszip';
import { addCoding, addMemo, autocode } from '../src/core/coding/index.js';
import { bundledFramework, loadFramework, parseFramework } from '../src/core/coding/framework/index.js';
import { setAttributes } from '../src/core/documents/index.js';
import { ingest } from '../src/core/ingest/index.js';
import { Db } from '../src/core/store/index.js';
import { CORPUS, tempDir } from './helpers.js';

/**
 * Real text in three scripts and with characters beyond the BMP: article 1 of the Universal
 * Declaration of Human Rights in its French and Chinese official versions, and a campaign post with
 * emoji (skin-tone modifiers and a ZWJ sequence are several code points each) on a second page.
 */
export const MULTILINGUAL = [
  "Déclaration universelle des droits de l'homme",
  '',
  'Article premier. Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison et de conscience et doivent agir les uns envers les autres dans un esprit de fraternité.',
  '',
  '第一条 人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。',
  '\f🌍✊🏾 Campaign post: equal rights for every migrant worker 👩🏽‍🌾, «égalité» for all.',
  '',
  'Les travailleurs migrants 👷🏿 ont droit à l’égalité de traitement.',
].join('\n');

/** A project to exchange: two demo documents and the multilingual one, auto-coded, coded by two people, with memos and attributes. */
export async function exchangeProject(): Promise<{ db: Db; dir: string; ids: { pdf: number; docx: number; text: number } }> {
  const dir = tempDir('litkit-interop-');
  const db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
  const text = path.join(dir, 'udhr-article-1.txt');
  fs.writeFileSync(text, MULTILINGUAL);
  const files = [path.join(CORPUS, 'policies', 'recruitment-selection-policy-2021.pdf'), path.join(CORPUS, 'policies', 'disability-inclusion-policy-2021.docx'), text];
  await ingest(db, files, { jobs: 0, attributes: { type: 'policy' } });
  const id = (name: string) => db.sql.prepare('SELECT id FROM documents WHERE source_path LIKE ?').pluck().get(`%${name}`) as number;
  const ids = { pdf: id('recruitment-selection-policy-2021.pdf'), docx: id('disability-inclusion-policy-2021.docx'), text: id('udhr-article-1.txt') };
  setAttributes(db, [ids.text], { type: 'declaration', language: 'fr, zh' });
  setAttributes(db, [ids.pdf], { country: 'Kenya' });
  const file = bundledFramework('race-equality');
  const yaml = fs.readFileSync(file, 'utf8');
  loadFramework(db, parseFramework(yaml, file), yaml);
  autocode(db);
  const amina = addCoding(db, 'intersectionality.nationality', { documentId: ids.text, quote: 'equal rights for every migrant worker' }, 'amina');
  addCoding(db, 'intersectionality.nationality', { documentId: ids.text, quote: 'Les travailleurs migrants 👷🏿 ont droit' }, 'amina');
  addCoding(db, 'race', { documentId: ids.text, quote: 'equal rights for every migrant worker' }, 'bén');
  addCoding(db, 'recommendation', { documentId: ids.text, quote: '人人生而自由' }, 'bén');
  addCoding(db, 'employment.recruitment', { documentId: ids.pdf, page: 1, start: 0, end: 40 }, 'amina');
  addMemo(db, { kind: 'code', id: 'intersectionality.nationality' }, 'amina', 'Nationality of staff, not of migrants served: check each excerpt.');
  addMemo(db, { kind: 'document', id: ids.text }, 'bén', 'Official UN texts; the Chinese version is authoritative too. 文本');
  addMemo(db, { kind: 'coding', id: amina.id }, 'amina', 'A campaign, not a policy <but> quoted & kept.');
  addMemo(db, { kind: 'project' }, 'amina', 'Round-trip project for the REFI-QDA exchange.');
  return { db, dir, ids };
}

/** A new project database in a temporary folder; the folder is added to `dirs` for the caller to remove. */
export function tempDb(dirs: string[]): Db {
  const dir = tempDir();
  dirs.push(dir);
  return Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
}

/** The files of a zip, as text. */
export async function unzipText(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async('string'));
  return out;
}

/** xmllint (Debian libxml2-utils), when installed: the schema validator the tests use. */
export const XMLLINT = spawnSync('xmllint', ['--version']).status === 0;

/** Validates an XML file against an XSD with xmllint; returns its complaints, empty when valid. */
export function xsdErrors(xml: string, xsd: string): string {
  const r = spawnSync('xmllint', ['--noout', '--schema', xsd, xml], { encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr;
}
