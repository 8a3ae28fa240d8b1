import { z } from 'zod';

const term = z.string().trim().min(1, 'must not be empty');
const termOrAlternatives = z.union([term, z.array(term).min(1)]);

/** `{ near: [a, b], within: N }`: a and b (words with their inflections, or `prefix*`; each may be a list of alternatives) within N words. */
const proximity = z
  .object({ near: z.tuple([termOrAlternatives, termOrAlternatives]), within: z.number().int().min(1).max(50) })
  .strict();

/** An exclusion vetoes a match that falls inside it: a phrase, or `{ regex: "…" }`. */
const exclusion = z.union([term, z.object({ regex: term }).strict()]);

/**
 * A sense: terms that mean the code only in some company. `with` needs one of its terms in the
 * same sentence (or segment), `also` one more of its own, and `without` vetoes the match when one
 * of its terms is there: "promotion" is the career step next to staff, grade or post, not the
 * promotion of rights or of products.
 */
const sense = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens').optional(),
    keywords: z.array(term).default([]),
    phrases: z.array(term).default([]),
    regex: z.array(term).default([]),
    with: z.array(term).default([]),
    also: z.array(term).default([]),
    without: z.array(term).default([]),
    scope: z.enum(['sentence', 'segment']).default('sentence'),
  })
  .strict()
  .refine((s) => s.keywords.length + s.phrases.length + s.regex.length > 0, 'a sense needs keywords, phrases or regex')
  .refine((s) => s.with.length + s.also.length + s.without.length > 0, 'a sense needs `with` or `without` context (otherwise write plain keywords)');

export const rulesSchema = z
  .object({
    keywords: z.array(term).default([]),
    phrases: z.array(term).default([]),
    regex: z.array(term).default([]),
    proximity: z.array(proximity).default([]),
    senses: z.array(sense).default([]),
    exclude: z.array(exclusion).default([]),
  })
  .strict();

export type Sense = z.output<typeof sense>;

const CODE_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/;

export interface CodeInput {
  id: string;
  label: string;
  definition?: string;
  colour?: string;
  was?: string | string[];
  rules?: z.input<typeof rulesSchema>;
  children?: CodeInput[];
}

export const codeSchema: z.ZodType<CodeInput> = z.lazy(() =>
  z
    .object({
      id: z.string().regex(CODE_ID, 'must be a dotted id of lower-case words, like employment.promotion'),
      label: term,
      definition: z.string().trim().optional(),
      colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#1f77b4"').optional(),
      was: z.union([z.string(), z.array(z.string())]).optional(),
      rules: rulesSchema.optional(),
      children: z.array(codeSchema).optional(),
    })
    .strict(),
);

export const frameworkSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
    title: term,
    version: z.union([z.string().min(1), z.number()]).transform(String),
    description: z.string().optional(),
    codes: z.array(codeSchema).min(1, 'a framework needs at least one code'),
  })
  .strict();

export type Rules = z.output<typeof rulesSchema>;

/** A code as stored: flat, with its parent and its position in the file. */
export interface Code {
  id: string;
  parentId: string | null;
  label: string;
  definition: string | null;
  colour: string | null;
  rules: Rules;
  was: string[];
  position: number;
}

export interface Framework {
  id: string;
  title: string;
  version: string;
  description?: string;
  codes: Code[];
}
