import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledFramework, loadFramework, parseFramework } from '../../../src/core/coding/framework/index.js';
import { availableTemplates, reportData, resolveTemplate, templateFolders, writeReport, BUNDLED_REPORTS_DIR, type ReportModel } from '../../../src/core/render/index.js';
import { renderTemplate } from '../../../src/core/render/templates.js';
import { Db, PROJECT_FILE } from '../../../src/core/store/index.js';
import { LitkitError } from '../../../src/errors.js';
import { tempDir } from '../../helpers.js';

describe('templates found by name', () => {
  let dir: string;
  let extra: string;
  let db: Db;
  let model: ReportModel;
  beforeAll(async () => {
    dir = tempDir();
    extra = tempDir();
    db = Db.open(path.join(dir, PROJECT_FILE), { create: true });
    const file = bundledFramework('race-equality');
    const yaml = fs.readFileSync(file, 'utf8');
    loadFramework(db, parseFramework(yaml, file), yaml);
    fs.mkdirSync(path.join(dir, 'templates'));
    fs.writeFileSync(path.join(dir, 'templates', 'my-review.md.hbs'), '# {{title}}\n\n{{#each codes}}{{> quote-list}}{{/each}}\n');
    fs.writeFileSync(path.join(dir, 'templates', '_footer.md.hbs'), 'footer\n');
    // A project template of a bundled name replaces the bundled one.
    fs.writeFileSync(path.join(dir, 'templates', 'concept-note.md.hbs'), '# Our own concept note\n');
    fs.writeFileSync(path.join(extra, 'donor-brief.md.hbs'), '# Brief for {{framework.title}}\n');
    model = await reportData(db, { title: 'T' });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(extra, { recursive: true, force: true });
  });

  it('lists project, --templates and bundled templates, never a partial', () => {
    const names = availableTemplates(templateFolders(dir, [extra])).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['my-review', 'donor-brief', 'desk-review', 'inception-report']));
    expect(names.filter((n) => n.startsWith('_'))).toEqual([]);
    expect(names).not.toContain('quote-list');
    expect(names.filter((n) => n === 'concept-note')).toHaveLength(1);
  });

  it('finds a project template and a --templates one by name, the project one first', () => {
    expect(resolveTemplate('my-review', dir)).toBe(fs.realpathSync(path.join(dir, 'templates', 'my-review.md.hbs')));
    expect(resolveTemplate('donor-brief', dir, [extra])).toBe(fs.realpathSync(path.join(extra, 'donor-brief.md.hbs')));
    expect(resolveTemplate('concept-note', dir)).toBe(fs.realpathSync(path.join(dir, 'templates', 'concept-note.md.hbs')));
    expect(resolveTemplate('desk-review', dir)).toBe(fs.realpathSync(path.join(BUNDLED_REPORTS_DIR, 'desk-review.md.hbs')));
  });

  it('refuses an unknown name with one line listing the names, exit 2', () => {
    let err: unknown;
    try {
      resolveTemplate('nosuch', dir, [extra]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LitkitError);
    const e = err as LitkitError;
    expect(e.exitCode).toBe(2);
    expect(e.code).toBe('E_NO_TEMPLATE');
    expect(e.message).not.toContain('\n');
    expect(e.message).toMatch(/available: .*desk-review/);
    expect(e.message).toContain('my-review');
    expect(e.message).toContain('donor-brief');
    expect(e.message).not.toContain('quote-list');
  });

  it('refuses a partial asked for by name or path', () => {
    expect(() => resolveTemplate('_quote-list', dir)).toThrow(/partials/);
    expect(() => resolveTemplate(path.join(BUNDLED_REPORTS_DIR, '_quote-list.md.hbs'), dir)).toThrow(/partials/);
  });

  it('renders a project template by name with a bundled partial', async () => {
    const out = path.join(dir, 'out.md');
    const r = await writeReport(db, 'my-review', { title: 'Named template works', out });
    expect(r.template).toContain(path.join('templates', 'my-review.md.hbs'));
    const md = fs.readFileSync(out, 'utf8');
    expect(md).toMatch(/^# Named template works/);
    expect(md).toContain(`No excerpts are coded ${model.codes[0]!.label} yet.`);
  });

  it('refuses {{nohelper}} with its line and column instead of printing nothing', () => {
    const file = path.join(dir, 'templates', 'typo.md.hbs');
    fs.writeFileSync(file, '# {{title}}\n\nSee {{nohelper}} here.\n');
    let line = '';
    try {
      renderTemplate(file, model);
    } catch (e) {
      line = (e as LitkitError).line();
    }
    expect(line).toMatch(/typo\.md\.hbs:3:5: \{\{nohelper\}\}: no helper or data field "nohelper".*\(E_TEMPLATE\)$/);
    fs.writeFileSync(file, '{{#each codes}}{{labell}}{{/each}}\n');
    expect(() => renderTemplate(file, model)).toThrow(/"labell"/);
    fs.writeFileSync(file, '{{nohelper title}}\n');
    expect(() => renderTemplate(file, model)).toThrow(/nohelper/);
  });

  it('still prints an empty nested field and block parameters', () => {
    const file = path.join(dir, 'templates', 'ok.md.hbs');
    fs.writeFileSync(file, '[{{tor.title}}]{{#each codes as |c|}}{{c.label}};{{/each}}\n');
    const md = renderTemplate(file, model);
    expect(md.startsWith('[]')).toBe(true);
    expect(md).toContain(`${model.codes[0]!.label};`);
  });
});
