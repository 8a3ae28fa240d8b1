import { Flags } from '@oclif/core';

/** What a report or evidence table draws on: the same two flags wherever evidence is quoted. */
export const evidenceFlags = {
  where: Flags.string({ description: 'Draw evidence only from segments this query selects (the query language, e.g. \'NOT doc.type in (tor, vacancy)\').', helpValue: 'QUERY' }),
  'include-tor': Flags.boolean({ description: "Also quote documents marked as the review's own terms of reference (--attr role=tor), left out by default." }),
};
