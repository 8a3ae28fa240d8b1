/** The query language's syntax tree; `pos` is the 0-based offset in the expression, for errors. */
export type Node =
  | { kind: 'and'; items: Node[]; pos: number }
  | { kind: 'or'; items: Node[]; pos: number }
  | { kind: 'not'; item: Node; pos: number }
  | { kind: 'near'; left: Node; right: Node; within: number; pos: number }
  | { kind: 'span'; op: SpanOp; left: Node; right: Node; within?: number; pos: number }
  | { kind: 'atleast'; k: number; items: Node[]; pos: number }
  | { kind: 'code'; pattern: string; pos: number }
  | { kind: 'text'; value: string; phrase: boolean; pos: number }
  | { kind: 'coder'; name: string; pos: number }
  | { kind: 'speaker'; name: string; pos: number }
  | { kind: 'question'; name: string; pos: number }
  /** doc.KEY, or (of) case.KEY / speaker.KEY: an attribute of the segment's case (respondent or speaker). */
  | { kind: 'attr'; key: string; op: Comparison; values: string[]; pos: number; of?: 'case' | 'speaker' };

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in';

/** How a left operand's spans must stand to some right operand span (see `spans.ts`). */
export type SpanOp = 'precedes' | 'follows' | 'encloses' | 'inside' | 'overlaps';
