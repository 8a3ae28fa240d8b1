import { Parser } from 'htmlparser2';
import { normaliseGuid } from './guid.js';
import { emptyProject, type QdaCase, type QdaCode, type QdaCoding, type QdaNote, type QdaProject, type QdaSelection, type QdaSet, type QdaSource, type QdaValue, type SourceKind } from './qda-model.js';

type Role = 'project' | 'code' | 'source' | 'representation' | 'note' | 'selection' | 'coding' | 'variable' | 'value' | 'case' | 'set' | 'ignored' | 'other';

interface Frame {
  name: string;
  role: Role;
  obj?: unknown;
}

const SOURCE_KINDS: Record<string, SourceKind> = { TextSource: 'text', PDFSource: 'pdf', PictureSource: 'picture', AudioSource: 'audio', VideoSource: 'video' };
const TEXT_ELEMENTS = new Set(['Description', 'PlainTextContent', 'TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue']);
const OTHER_SELECTIONS = new Set(['PDFSelection', 'PictureSelection', 'AudioSelection', 'VideoSelection', 'TranscriptSelection']);
/** Parts of a source that hold text litkit does not read: a picture's description, a media file's transcript. */
const IGNORED_TEXTS = new Set(['TextDescription', 'Transcript']);

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const int = (s: string | undefined) => (s !== undefined && /^\s*-?\d+\s*$/.test(s) ? Number(s) : NaN);

/**
 * Reads a REFI-QDA project XML (`project.qde`) as a stream of parser events into a QdaProject,
 * tolerant of what real exports do: namespace prefixes, GUIDs in braces or lower case, elements
 * in an unexpected order. It keeps GUIDs and positions as the file has them.
 */
export class QdeReader {
  readonly project: QdaProject = emptyProject();
  private readonly stack: Frame[] = [];
  private text: string[] | null = null;
  private readonly parser: Parser;
  elements = 0;
  rootName: string | undefined;

  constructor() {
    this.parser = new Parser(
      {
        onopentag: (name, attributes) => this.open(localName(name), attributes),
        ontext: (t) => this.text?.push(t),
        onclosetag: (name) => this.close(localName(name)),
      },
      { xmlMode: true, decodeEntities: true },
    );
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  end(): QdaProject {
    this.parser.end();
    return this.project;
  }

  private nearest(...roles: Role[]): Frame | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) if (roles.includes(this.stack[i]!.role)) return this.stack[i];
    return undefined;
  }

  private open(name: string, a: Record<string, string>): void {
    this.elements++;
    const parent = this.stack.at(-1);
    const inIgnored = this.stack.some((f) => f.role === 'ignored');
    let frame: Frame = { name, role: 'other' };
    const guid = normaliseGuid(a.guid) ?? '';
    if (!parent) {
      this.rootName = name;
      this.project.origin = a.origin;
      if (name === 'Project') {
        Object.assign(this.project, { name: a.name ?? '', origin: a.origin, creatingUser: normaliseGuid(a.creatingUserGUID) });
        frame = { name, role: 'project', obj: this.project };
      }
    } else if (inIgnored) {
      if (OTHER_SELECTIONS.has(name)) this.countOther();
    } else if (name === 'User') {
      if (guid) this.project.users.set(guid, a.name?.trim() || a.id?.trim() || guid);
    } else if (name === 'Code' && (parent.name === 'Codes' || parent.role === 'code')) {
      const code: QdaCode = { guid, name: a.name ?? '', colour: a.color, codable: a.isCodable !== 'false', children: [], notes: [] };
      (parent.role === 'code' ? (parent.obj as QdaCode).children : this.project.codes).push(code);
      frame = { name, role: 'code', obj: code };
    } else if (name === 'Variable') {
      this.project.variables.set(guid, { guid, name: a.name ?? '', type: a.typeOfVariable ?? 'Text' });
      frame = { name, role: 'variable', obj: this.project.variables.get(guid) };
    } else if (name === 'Case') {
      const c: QdaCase = { guid, name: a.name, values: [], sources: [], selections: 0, codes: 0 };
      this.project.cases.push(c);
      frame = { name, role: 'case', obj: c };
    } else if (SOURCE_KINDS[name] && parent.name === 'Sources') {
      const s: QdaSource = { kind: SOURCE_KINDS[name]!, guid, name: a.name ?? '', user: normaliseGuid(a.creatingUser), created: a.creationDateTime, selections: [], codings: [], notes: [], values: [], otherSelections: 0 };
      if (s.kind === 'text') s.text = { path: a.plainTextPath, richTextPath: a.richTextPath };
      this.project.sources.push(s);
      frame = { name, role: 'source', obj: s };
    } else if (name === 'Representation' && parent.role === 'source') {
      (parent.obj as QdaSource).text = { path: a.plainTextPath, richTextPath: a.richTextPath };
      frame = { name, role: 'representation', obj: parent.obj };
    } else if (IGNORED_TEXTS.has(name) || (name === 'Representation' && parent.name === 'PDFSelection')) {
      frame = { name, role: 'ignored' };
    } else if (name === 'Note' && parent.name === 'Notes') {
      const n: QdaNote = { guid, name: a.name, user: normaliseGuid(a.creatingUser), created: a.creationDateTime, text: { path: a.plainTextPath }, selections: 0 };
      this.project.notes.set(guid, n);
      frame = { name, role: 'note', obj: n };
    } else if (name === 'PlainTextSelection') {
      const owner = this.nearest('source', 'representation', 'note');
      if (owner?.role === 'note') (owner.obj as QdaNote).selections++;
      else if (owner) {
        const sel: QdaSelection = { guid, start: int(a.startPosition), end: int(a.endPosition), user: normaliseGuid(a.creatingUser), created: a.creationDateTime, codings: [], notes: [] };
        (owner.obj as QdaSource).selections.push(sel);
        frame = { name, role: 'selection', obj: sel };
      }
    } else if (OTHER_SELECTIONS.has(name)) {
      this.countOther();
      frame = { name, role: 'ignored' };
    } else if (name === 'Coding') {
      const coding: QdaCoding = { guid, user: normaliseGuid(a.creatingUser), created: a.creationDateTime, notes: [] };
      if (parent.role === 'selection') (parent.obj as QdaSelection).codings.push(coding);
      else if (parent.role === 'source' || parent.role === 'representation') (parent.obj as QdaSource).codings.push(coding);
      frame = { name, role: 'coding', obj: coding };
    } else if (name === 'CodeRef' || name === 'MemberCode') {
      if (parent.role === 'coding') (parent.obj as QdaCoding).codeGuid = normaliseGuid(a.targetGUID);
      else if (parent.role === 'case') (parent.obj as QdaCase).codes++;
      else if (parent.role === 'set') (parent.obj as QdaSet).codes++;
    } else if (name === 'NoteRef' || name === 'MemberNote') {
      const target = normaliseGuid(a.targetGUID);
      if (parent.role === 'set') (parent.obj as QdaSet).notes++;
      else if (target && parent.role === 'project') this.project.projectNotes.push(target);
      else if (target && parent.obj && Array.isArray((parent.obj as { notes?: unknown }).notes)) (parent.obj as { notes: string[] }).notes.push(target);
    } else if (name === 'VariableValue' && (parent.role === 'source' || parent.role === 'case')) {
      const v: QdaValue = { variable: '', value: '' };
      (parent.obj as { values: QdaValue[] }).values.push(v);
      frame = { name, role: 'value', obj: v };
    } else if (name === 'VariableRef' && parent.role === 'value') {
      (parent.obj as QdaValue).variable = normaliseGuid(a.targetGUID) ?? '';
    } else if ((name === 'SourceRef' || name === 'MemberSource') && (parent.role === 'case' || parent.role === 'set')) {
      const target = normaliseGuid(a.targetGUID);
      if (target) (parent.obj as { sources: string[] }).sources.push(target);
    } else if (name === 'SelectionRef' && parent.role === 'case') {
      (parent.obj as QdaCase).selections++;
    } else if (name === 'Set') {
      const s: QdaSet = { guid, name: a.name ?? '', sources: [], codes: 0, notes: 0 };
      this.project.sets.push(s);
      frame = { name, role: 'set', obj: s };
    } else if (name === 'Link') {
      this.project.links++;
    } else if (name === 'Graph') {
      this.project.graphs++;
    }
    this.stack.push(frame);
    if (TEXT_ELEMENTS.has(name)) this.text = [];
  }

  private countOther(): void {
    const source = this.nearest('source');
    if (source) (source.obj as QdaSource).otherSelections++;
  }

  private close(name: string): void {
    const frame = this.stack.pop();
    if (!frame) return;
    if (frame.name !== name) {
      // Not well-formed: htmlparser2 closes what it must; keep the stack honest.
      while (this.stack.length && this.stack.at(-1)!.name !== name) this.stack.pop();
      this.stack.pop();
    }
    if (!TEXT_ELEMENTS.has(name) || !this.text) return;
    const value = this.text.join('');
    this.text = null;
    const parent = this.stack.at(-1);
    if (!parent || parent.role === 'ignored' || this.stack.some((f) => f.role === 'ignored')) return;
    if (name === 'Description') {
      if (parent.obj && parent.role !== 'value') (parent.obj as { description?: string }).description = value;
    } else if (name === 'PlainTextContent') {
      if (parent.role === 'source' || parent.role === 'representation') {
        const s = parent.obj as QdaSource;
        s.text = { ...(s.text ?? {}), inline: value };
      } else if (parent.role === 'note') (parent.obj as QdaNote).text.inline = value;
    } else if (parent.role === 'value') {
      (parent.obj as QdaValue).value = value;
    }
  }
}

/** Parses a whole .qde text (tests and small files; imports stream through QdeReader). */
export function parseQde(xml: string): QdaProject {
  const r = new QdeReader();
  r.write(xml);
  return r.end();
}
