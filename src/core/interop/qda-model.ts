/**
 * A REFI-QDA project as read from a .qde file, before anything is mapped to litkit: GUIDs and
 * code-point positions as the file has them. Built by qde-read.ts, mapped by incoming.ts.
 */

export interface QdaCode {
  guid: string;
  name: string;
  description?: string;
  colour?: string;
  codable: boolean;
  children: QdaCode[];
  notes: string[];
}

export interface QdaCoding {
  guid?: string;
  codeGuid?: string;
  user?: string;
  created?: string;
  notes: string[];
}

export interface QdaSelection {
  guid?: string;
  start: number;
  end: number;
  user?: string;
  created?: string;
  description?: string;
  codings: QdaCoding[];
  notes: string[];
}

export interface QdaValue {
  variable: string;
  value: string;
}

/** A text to read: the plain-text file named in the package, or the text given inline. */
export interface QdaText {
  path?: string;
  inline?: string;
  richTextPath?: string;
}

export type SourceKind = 'text' | 'pdf' | 'picture' | 'audio' | 'video';

export interface QdaSource {
  kind: SourceKind;
  guid: string;
  name: string;
  user?: string;
  created?: string;
  description?: string;
  /** The plain text: a TextSource's own, a PDFSource's Representation. */
  text?: QdaText;
  selections: QdaSelection[];
  /** Codings of the whole source, outside any selection. */
  codings: QdaCoding[];
  notes: string[];
  values: QdaValue[];
  /** Selections of areas, times or pictures, which litkit cannot hold. */
  otherSelections: number;
}

export interface QdaNote {
  guid: string;
  name?: string;
  user?: string;
  created?: string;
  text: QdaText;
  /** Selections and codings inside the note's own text. */
  selections: number;
}

export interface QdaVariable {
  guid: string;
  name: string;
  type: string;
  description?: string;
}

export interface QdaCase {
  guid: string;
  name?: string;
  values: QdaValue[];
  sources: string[];
  selections: number;
  codes: number;
}

export interface QdaSet {
  guid: string;
  name: string;
  description?: string;
  sources: string[];
  codes: number;
  notes: number;
}

export interface QdaProject {
  name: string;
  origin?: string;
  creatingUser?: string;
  users: Map<string, string>;
  codes: QdaCode[];
  variables: Map<string, QdaVariable>;
  cases: QdaCase[];
  sources: QdaSource[];
  notes: Map<string, QdaNote>;
  sets: QdaSet[];
  /** Notes on the project as a whole. */
  projectNotes: string[];
  description?: string;
  links: number;
  graphs: number;
}

export function emptyProject(): QdaProject {
  return { name: '', users: new Map(), codes: [], variables: new Map(), cases: [], sources: [], notes: new Map(), sets: [], projectNotes: [], links: 0, graphs: 0 };
}
