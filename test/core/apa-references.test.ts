import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { apaReferences, citeInText, disambiguate, isCorporate, markdownToDocx, parseAuthors, titleCase, type CitableDocument } from '../../src/core/render/index.js';

let nextId = 1;
/** A document as the reference code sees it; its format matters only to tell an HTML web page. */
function doc(fields: Partial<CitableDocument> & { title: string }): CitableDocument {
  return { id: nextId++, authors: null, year: null, format: 'pdf', attributes: {}, ...fields };
}

const refs = async (...docs: CitableDocument[]) => (await apaReferences(docs)).map((r) => r.reference);

describe('authors', () => {
  it('keeps bodies whole by several signs, not a word list alone', () => {
    for (const body of [
      'UN Today', // an acronym in a mixed-case name
      'IOM', 'UNICEF', 'Oxfam', // one word
      'International Organization for Migration', 'Office of the High Commissioner', // joining words
      'Human Rights Watch', 'Internal Communications', 'Human Resources Management Division', // body words
      'Group of 77', // digits
      'Oxfam GB', 'UNHCR Kenya',
    ]) expect(isCorporate(body), body).toBe(true);
    for (const person of ['Jane Smith', 'Diego Ongaro', 'Emin Gün Sirer', 'Ludwig van Beethoven', 'CHRISTOPHER STRACHEY', 'Jean DUPONT']) {
      expect(isCorporate(person), person).toBe(false);
    }
    expect(parseAuthors('Review Team, External Race Equality Review')).toEqual([{ literal: 'Review Team, External Race Equality Review' }]);
    expect(parseAuthors('UN Today; IOM Press Service')).toEqual([{ literal: 'UN Today' }, { literal: 'IOM Press Service' }]);
  });

  it('splits people written in any usual way', () => {
    const smithDoe = [{ family: 'Smith', given: 'J.' }, { family: 'Doe', given: 'A.' }];
    expect(parseAuthors('Smith, J.; Doe, A.')).toEqual(smithDoe);
    expect(parseAuthors('Smith J, Doe A')).toEqual(smithDoe);
    expect(parseAuthors('Smith, J., & Doe, A.')).toEqual(smithDoe);
    expect(parseAuthors('Jane Smith and John Doe')).toEqual([{ family: 'Smith', given: 'Jane' }, { family: 'Doe', given: 'John' }]);
    expect(parseAuthors('Diego Ongaro, John Ousterhout')).toEqual([{ family: 'Ongaro', given: 'Diego' }, { family: 'Ousterhout', given: 'John' }]);
    // One person, family name first, as Office writes it.
    expect(parseAuthors('Allison, Timothy B.')).toEqual([{ family: 'Allison', given: 'Timothy B.' }]);
    expect(parseAuthors('García Márquez, Gabriel')).toEqual([{ family: 'García Márquez', given: 'Gabriel' }]);
    expect(parseAuthors('Martin Luther King Jr.')).toEqual([{ family: 'King', given: 'Martin Luther', suffix: 'Jr.' }]);
    expect(parseAuthors('Maria de Souza')).toEqual([{ family: 'de Souza', given: 'Maria' }]);
    expect(parseAuthors('CHRISTOPHER STRACHEY')).toEqual([{ family: 'Strachey', given: 'Christopher' }]);
    // "Family, Initials" is a person even when the family name is a body word.
    expect(parseAuthors('Bank, J.')).toEqual([{ family: 'Bank', given: 'J.' }]);
  });

  it('keeps a name in braces whole: the way to fix a body the signs miss', () => {
    expect(parseAuthors('Jane Smith Consulting')).toEqual([{ family: 'Consulting', given: 'Jane Smith' }]);
    expect(parseAuthors('{Jane Smith Consulting}; Doe, A.')).toEqual([{ literal: 'Jane Smith Consulting' }, { family: 'Doe', given: 'A.' }]);
  });
});

describe('item types', () => {
  it('styles a journal article as an article: container, volume(issue), pages, DOI as an address', async () => {
    expect(await refs(doc({ title: 'Migration data in practice', authors: 'Smith, Jane', year: 2021, attributes: { journal: 'Journal of Migration Data', volume: '12', issue: '3', pages: '45-67', doi: '10.5555/mig.2021.3', url: 'https://x.org/a' } }))).toEqual([
      'Smith, J. (2021). Migration data in practice. *Journal of Migration Data*, *12*(3), 45–67. https://doi.org/10.5555/mig.2021.3',
    ]);
  });

  it('styles a web page with its site and address, leaving out a site that is the author', async () => {
    expect(await refs(doc({ title: 'Staff survey results', authors: 'Jane Smith', year: 2023, format: 'html', attributes: { site: 'AICA Intranet', url: 'https://intranet.example.org/survey' } }))).toEqual([
      'Smith, J. (2023). *Staff survey results*. AICA Intranet. https://intranet.example.org/survey',
    ]);
    expect(await refs(doc({ title: 'Task force presents its recommendations', authors: 'UN Today', year: 2024, format: 'html', attributes: { site: 'UN Today', url: 'https://untoday.org/n' } }))).toEqual([
      'UN Today. (2024). *Task force presents its recommendations*. https://untoday.org/n',
    ]);
  });

  it('styles a report with its publisher, unless the publisher is the author; maps the demo types', async () => {
    expect(await refs(doc({ title: 'World migration report 2022', authors: 'McAuliffe, M.; Triandafyllidou, A.', year: 2021, attributes: { type: 'report', publisher: 'International Organization for Migration', url: 'https://x.org/wmr' } }))).toEqual([
      'McAuliffe, M., & Triandafyllidou, A. (2021). *World migration report 2022*. International Organization for Migration. https://x.org/wmr',
    ]);
    expect(await refs(doc({ title: 'Recruitment policy', authors: 'International Organization for Migration', year: 2021, attributes: { type: 'policy', publisher: 'International Organization for Migration' } }))).toEqual([
      'International Organization for Migration. (2021). *Recruitment policy*.',
    ]);
    expect(await refs(doc({ title: 'Focus group 2', authors: 'External review team', year: 2023, format: 'md', attributes: { type: 'transcript' } }))).toEqual([
      'External review team. (2023). *Focus group 2* [Unpublished transcript].',
    ]);
  });

  it('styles news, chapters, theses and data sets as APA does', async () => {
    expect(await refs(doc({ title: 'Agency cuts staff', authors: 'Jane Smith', year: 2022, attributes: { type: 'news', journal: 'The Guardian', url: 'https://g.example/x' } }))).toEqual([
      'Smith, J. (2022). Agency cuts staff. *The Guardian*. https://g.example/x',
    ]);
    expect(await refs(doc({ title: 'Data and protection', authors: 'Doe, A.', year: 2020, attributes: { type: 'chapter', book: 'Handbook of migration data', pages: '10-25', publisher: 'Pub House' } }))).toEqual([
      'Doe, A. (2020). Data and protection. In *Handbook of migration data* (pp. 10–25). Pub House.',
    ]);
    expect(await refs(doc({ title: 'Epitaxis', authors: 'James Benvenuto', year: 2010, attributes: { type: 'thesis', genre: 'Doctoral dissertation', publisher: 'University of California, Irvine' } }))).toEqual([
      'Benvenuto, J. (2010). *Epitaxis* [Doctoral dissertation]. University of California, Irvine.',
    ]);
    expect(await refs(doc({ title: 'Displacement tracking data', authors: 'IOM', year: 2023, attributes: { type: 'dataset', url: 'https://dtm.example.org/d' } }))).toEqual([
      'IOM. (2023). *Displacement tracking data* [Data set]. https://dtm.example.org/d',
    ]);
  });
});

describe('telling works apart', () => {
  it('letters same-author works of a year by title, in the reference list and in the text alike, undated first', async () => {
    const b = doc({ title: 'Staff survey', authors: 'International Organization for Migration', year: 2020, attributes: { type: 'report' } });
    const a = doc({ title: 'The annual report', authors: 'International Organization for Migration', year: 2020, attributes: { type: 'report' } });
    const undated = doc({ title: 'Guidance', authors: 'International Organization for Migration', attributes: { type: 'report' } });
    const other = doc({ title: 'Other', authors: 'Smith, J.', year: 2020 });
    const all = [b, a, undated, other];
    expect(await refs(...all)).toEqual([
      'International Organization for Migration. (n.d.). *Guidance*.',
      // "The annual report" files under A: APA ignores a leading article.
      'International Organization for Migration. (2020a). *The annual report*.',
      'International Organization for Migration. (2020b). *Staff survey*.',
      'Smith, J. (2020). *Other*.',
    ]);
    const forms = disambiguate(all);
    expect(citeInText(a, { page: 4 }, forms)).toBe('(International Organization for Migration, 2020a, p. 4)');
    expect(citeInText(b, { page: 2 }, forms)).toBe('(International Organization for Migration, 2020b, p. 2)');
    expect(citeInText(other, {}, forms)).toBe('(Smith, 2020)');
  });

  it('letters undated works n.d.-a and n.d.-b', async () => {
    const x = doc({ title: 'Beta note', authors: 'UN Today' });
    const y = doc({ title: 'Alpha note', authors: 'UN Today' });
    const forms = disambiguate([x, y]);
    expect(citeInText(y, { para: 3 }, forms)).toBe('(UN Today, n.d.-a, para. 3)');
    expect(citeInText(x, {}, forms)).toBe('(UN Today, n.d.-b)');
  });

  it('writes as many names as tell two "et al." lists apart (APA 8.18)', () => {
    const one = doc({ title: 'One', authors: 'Kapoor, A.; Bloom, B.; Montez, C.; Warner, D.; Hill, E.', year: 2017 });
    const two = doc({ title: 'Two', authors: 'Kapoor, A.; Bloom, B.; Zucker, C.; Tang, D.; Koroglu, E.', year: 2017 });
    const forms = disambiguate([one, two]);
    expect(citeInText(one, {}, forms)).toBe('(Kapoor, Bloom, Montez, et al., 2017)');
    expect(citeInText(two, {}, forms)).toBe('(Kapoor, Bloom, Zucker, et al., 2017)');
  });
});

describe('author–date citations', () => {
  it('cites one, two and three or more authors, with page or paragraph', () => {
    expect(citeInText(doc({ title: 'T', authors: 'UN Today', year: 2024, format: 'html' }), { para: 3 })).toBe('(UN Today, 2024, para. 3)');
    expect(citeInText(doc({ title: 'T', authors: 'Smith, J.; Doe, A.', year: 2020 }), { page: 4 })).toBe('(Smith & Doe, 2020, p. 4)');
    expect(citeInText(doc({ title: 'T', authors: 'Smith, J.; Doe, A.; Roe, B.', year: 2020 }), { page: 4 })).toBe('(Smith et al., 2020, p. 4)');
  });

  it('cites a work without author by its short title in title case: quoted for an article, italic for a report; n.d. without date', () => {
    expect(citeInText(doc({ title: 'Agency cuts staff in regional offices: a review', year: 2022, attributes: { journal: 'Daily News' } }), { page: 2 })).toBe('(“Agency Cuts Staff in Regional Offices,” 2022, p. 2)');
    expect(citeInText(doc({ title: 'Guidance on the use of data for staff', attributes: { type: 'report' } }), { page: 1 })).toBe('(*Guidance on the Use*, n.d., p. 1)');
    expect(titleCase('staff news: an anti-racism task force for all')).toBe('Staff News: An Anti-Racism Task Force for All');
  });
});

describe('the reference list in Word', () => {
  it('gives entries APA’s hanging indent and leaves their [descriptions] unmarked, unlike the drafter’s placeholders', async () => {
    const md = '# Report\n\n## Findings\n\n[Key finding.]\n\n## References\n\nExternal review team. (2023). *Focus group 2* [Unpublished transcript].\n\nIOM. (2023). *Displacement tracking data* [Data set].\n';
    const xml = await (await JSZip.loadAsync(await markdownToDocx(md, { title: 'Report' }))).file('word/document.xml')!.async('string');
    const paragraphs = xml.split('<w:p>').slice(1);
    const find = (text: string) => paragraphs.find((p) => p.includes(text))!;
    expect(find('Key finding')).toContain('<w:highlight w:val="yellow"/>');
    for (const entry of ['Unpublished transcript', 'Data set']) {
      expect(find(entry)).not.toContain('w:highlight');
      expect(find(entry)).toMatch(/<w:ind w:left="720" w:hanging="720"\/>/);
    }
  });
});
