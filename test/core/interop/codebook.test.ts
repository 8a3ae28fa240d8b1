import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCodes, bundledFramework, loadFramework, parseFramework } from '../../../src/core/coding/framework/index.js';
import { exportCodebook, importCodebook } from '../../../src/core/interop/index.js';
import { Db } from '../../../src/core/store/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../../helpers.js';
import { XMLLINT, xsdErrors } from '../../interop-fixture.js';

describe('codebooks (QDC) both ways', () => {
  let dir: string;
  let db: Db;
  let qdc: string;
  beforeAll(() => {
    dir = tempDir();
    db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    const file = bundledFramework('race-equality');
    const yaml = fs.readFileSync(file, 'utf8');
    loadFramework(db, parseFramework(yaml, file), yaml);
    qdc = path.join(dir, 'race-equality.qdc');
    fs.writeFileSync(qdc, exportCodebook(db, 'race-equality'));
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes every code once, children inside their parent, with definition and colour', () => {
    const xml = fs.readFileSync(qdc, 'utf8');
    const codes = [...allCodes(db).values()];
    expect(xml.match(/<Code /g)).toHaveLength(codes.length);
    const promotion = codes.find((c) => c.id === 'employment.promotion')!;
    expect(xml).toContain(`name="${promotion.label}"`);
    // employment's element opens before promotion's and closes after it.
    const open = xml.indexOf('name="Employment');
    expect(open).toBeGreaterThan(-1);
    expect(xml.indexOf(`name="${promotion.label}"`)).toBeGreaterThan(open);
  });

  it.skipIf(!XMLLINT || !HAS_SHARED)(`is valid against Codebook.xsd${XMLLINT ? '' : ' (SKIPPED: xmllint from Debian libxml2-utils is not installed)'}`, () => {
    expect(xsdErrors(qdc, path.join(SHARED, 'interop', 'Codebook.xsd'))).toBe('');
  });

  it('reads back as a framework with the same labels, hierarchy, definitions and colours, and no rules', () => {
    const r = importCodebook(qdc, { id: 'copy' });
    const original = [...allCodes(db).values()];
    expect(r.codes).toBe(original.length);
    const labelPath = (codes: { id: string; parentId: string | null; label: string }[], id: string): string => {
      const c = codes.find((x) => x.id === id)!;
      return c.parentId ? `${labelPath(codes, c.parentId)} / ${c.label}` : c.label;
    };
    const shape = (codes: typeof original | typeof r.framework.codes) => codes.map((c) => ({ path: labelPath(codes, c.id), definition: c.definition, colour: c.colour })).sort((a, b) => a.path.localeCompare(b.path));
    expect(shape(r.framework.codes)).toEqual(shape(original));
    expect(r.framework.codes.every((c) => Object.values(c.rules).every((v) => !Array.isArray(v) || v.length === 0))).toBe(true);
    expect(r.yaml).toContain('id: copy');
  });

  it('refuses a file that is not a codebook, naming it', () => {
    const bad = path.join(dir, 'bad.qdc');
    fs.writeFileSync(bad, '<?xml version="1.0"?><Something/>');
    expect(() => importCodebook(bad)).toThrow(expect.objectContaining({ code: 'E_QDC', file: bad }));
  });
});
