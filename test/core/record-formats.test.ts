import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, importRecords, prisma2020Csv, prismaCounts } from '../../src/core/review/index.js';
import { Db } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';

// Small exports written here from each format's documentation (element and tag names, layout);
// the records are made up.
const ENDNOTE_XML = `<?xml version="1.0" encoding="UTF-8" ?><xml><records>
<record><database name="Review.enl" path="Review.enl">Review.enl</database><ref-type name="Journal Article">17</ref-type>
<contributors><authors><author><style face="normal" font="default" size="100%">Okafor, Chidi</style></author><author><style face="normal" font="default" size="100%">Lee, Min</style></author></authors></contributors>
<titles><title><style face="normal" font="default" size="100%">Ethnic disparities in promotion &amp; pay among hospital staff</style></title><secondary-title><style face="normal" font="default" size="100%">Journal of Workforce Studies</style></secondary-title></titles>
<periodical><full-title><style face="normal" font="default" size="100%">Journal of Workforce Studies</style></full-title></periodical>
<keywords><keyword><style face="normal" font="default" size="100%">promotion</style></keyword><keyword><style face="normal" font="default" size="100%">ethnicity</style></keyword></keywords>
<dates><year><style face="normal" font="default" size="100%">2019</style></year></dates>
<accession-num><style face="normal" font="default" size="100%">31234567</style></accession-num>
<electronic-resource-num><style face="normal" font="default" size="100%">10.1000/JWS.2019.12</style></electronic-resource-num>
<abstract><style face="normal" font="default" size="100%">We followed 2,000 staff for five years.</style></abstract>
</record>
<record><ref-type name="Report">27</ref-type><titles><title>Mentoring programmes for staff of African descent</title></titles><dates><year>2021</year></dates></record>
<record><ref-type name="Journal Article">17</ref-type><dates><year>2020</year></dates></record>
</records></xml>
`;

const PUBMED_XML = `<?xml version="1.0" ?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">
<PubmedArticleSet>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">31234567</PMID>
    <Article PubModel="Print">
      <Journal><JournalIssue CitedMedium="Internet"><PubDate><Year>2019</Year><Month>Mar</Month></PubDate></JournalIssue><Title>Journal of Workforce Studies</Title><ISOAbbreviation>J Workforce Stud</ISOAbbreviation></Journal>
      <ArticleTitle>Ethnic disparities in <i>promotion</i> among hospital staff: a cohort study.</ArticleTitle>
      <ELocationID EIdType="doi" ValidYN="Y">10.1000/JWS.2019.12</ELocationID>
      <Abstract><AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Promotion gaps persist.</AbstractText><AbstractText Label="METHODS" NlmCategory="METHODS">We followed 2,000 staff.</AbstractText></Abstract>
      <AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>Okafor</LastName><ForeName>Chidi</ForeName><Initials>C</Initials></Author><Author ValidYN="Y"><CollectiveName>Workforce Equity Group</CollectiveName></Author></AuthorList>
      <PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>
    </Article>
    <MeshHeadingList><MeshHeading><DescriptorName UI="D006761" MajorTopicYN="N">Hospitals</DescriptorName></MeshHeading></MeshHeadingList>
    <KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N">career progression</Keyword></KeywordList>
  </MedlineCitation>
  <PubmedData><ArticleIdList><ArticleId IdType="pubmed">31234567</ArticleId><ArticleId IdType="doi">10.1000/jws.2019.12</ArticleId></ArticleIdList></PubmedData>
</PubmedArticle>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">31234568</PMID>
    <Article PubModel="Print">
      <Journal><JournalIssue><PubDate><MedlineDate>2018 Mar-Apr</MedlineDate></PubDate></JournalIssue><Title>Equity Review</Title></Journal>
      <ArticleTitle>Mentoring and the careers of staff of African descent.</ArticleTitle>
    </Article>
  </MedlineCitation>
  <PubmedData><ArticleIdList><ArticleId IdType="doi">10.1000/ER.2018.3</ArticleId></ArticleIdList></PubmedData>
</PubmedArticle>
<PubmedArticle><MedlineCitation><PMID Version="1">31234569</PMID><Article><Journal><Title>Equity Review</Title></Journal></Article></MedlineCitation></PubmedArticle>
</PubmedArticleSet>
`;

const WOS = `FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Okafor, C
   Lee, M
AF Okafor, Chidi
   Lee, Min
TI Ethnic disparities in promotion among hospital staff: a
   cohort study
SO JOURNAL OF WORKFORCE STUDIES
DE promotion; ethnicity
ID CAREERS; DISCRIMINATION
AB We followed 2,000 staff
   for five years.
PY 2019
DI 10.1000/JWS.2019.12
PM 31234567
UT WOS:000123456700001
ER

PT J
AU Adeyemi, T
PY 2020
UT WOS:000123456700002
ER

EF
`;

const COVIDENCE = `"Title","Authors","Abstract","Published Year","Published Month","Journal","Volume","Issue","Pages","Accession Number","DOI","Ref","Covidence #","Study","Notes","Tags"
"Ethnic disparities in promotion among hospital staff","Okafor C; Lee M","We followed 2,000 staff.","2019","Mar","Journal of Workforce Studies","12","3","1-10","31234567","10.1000/JWS.2019.12","","#12","Okafor 2019","",""
"Mentoring programmes for staff of African descent","Adeyemi T","","2021","","Equity Review","","","","","","","#13","Adeyemi 2021","",""
`;

const RAYYAN = `key,title,authors,journal,issn,volume,issue,pages,year,publisher,url,abstract,notes,doi,keywords
rayyan-101,Ethnic disparities in promotion among hospital staff,Okafor C and Lee M,Journal of Workforce Studies,,12,3,1-10,2019,,,We followed 2000 staff.,"RAYYAN-INCLUSION: {""amina""=>""Included""}",10.1000/JWS.2019.12,promotion; ethnicity
rayyan-102,Mentoring programmes for staff of African descent,Adeyemi T,Equity Review,,,,,2021,,,,"RAYYAN-INCLUSION: {""amina""=>""Excluded""}",,
`;

const WOS_CRLF = WOS.replace(/\n/g, '\r\n');

describe('record import formats, told by their content', () => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = tempDir();
    db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const load = async (name: string, content: string) => {
    fs.writeFileSync(path.join(dir, name), content);
    const r = await importRecords(db, path.join(dir, name), { source: name });
    const rows = db.sql.prepare('SELECT title, abstract, authors, year, doi, pmid, journal, keywords FROM records WHERE source_id = ? ORDER BY id').all(r.source) as Record<string, unknown>[];
    return { r, rows: rows.map((x) => ({ ...x, authors: JSON.parse(x.authors as string), keywords: JSON.parse(x.keywords as string) })) };
  };

  it('reads EndNote XML through <style> wrappers, and reports a record without a title by its line', async () => {
    const { r, rows } = await load('library.xml', ENDNOTE_XML);
    expect(r).toMatchObject({ format: 'endnote-xml', imported: 2, problems: [{ line: 13, message: 'the record has no <titles><title>' }] });
    expect(rows[0]).toEqual({
      title: 'Ethnic disparities in promotion & pay among hospital staff',
      abstract: 'We followed 2,000 staff for five years.',
      authors: ['Okafor, Chidi', 'Lee, Min'],
      year: 2019,
      doi: '10.1000/jws.2019.12',
      pmid: '31234567',
      journal: 'Journal of Workforce Studies',
      keywords: ['promotion', 'ethnicity'],
    });
    expect(rows[1]).toMatchObject({ title: 'Mentoring programmes for staff of African descent', year: 2021, authors: [] });
  });

  it('reads PubMed XML: structured abstracts, inline markup, collective authors, MedlineDate, DOIs from either place', async () => {
    const { r, rows } = await load('pubmed_result.xml', PUBMED_XML);
    expect(r).toMatchObject({ format: 'pubmed-xml', imported: 2, problems: [{ line: 30, message: 'the article (PMID 31234569) has no <ArticleTitle>' }] });
    expect(rows[0]).toEqual({
      title: 'Ethnic disparities in promotion among hospital staff: a cohort study.',
      abstract: 'BACKGROUND: Promotion gaps persist. METHODS: We followed 2,000 staff.',
      authors: ['Okafor, Chidi', 'Workforce Equity Group'],
      year: 2019,
      doi: '10.1000/jws.2019.12',
      pmid: '31234567',
      journal: 'Journal of Workforce Studies',
      keywords: ['Hospitals', 'career progression'],
    });
    expect(rows[1]).toMatchObject({ year: 2018, doi: '10.1000/er.2018.3', pmid: '31234568', abstract: null });
  });

  it('reads Web of Science plain text, saved as .txt or .ciw: wrapped values, one author per line', async () => {
    // The .ciw as saved on Windows (CRLF): another file, so not skipped as the same export.
    for (const [name, text] of [['savedrecs.txt', WOS], ['savedrecs.ciw', WOS_CRLF]] as const) {
      const { r, rows } = await load(name, text);
      expect(r).toMatchObject({ format: 'wos', imported: 1, problems: [{ line: 21, message: 'the record has no title (TI)' }] });
      expect(rows[0]).toEqual({
        title: 'Ethnic disparities in promotion among hospital staff: a cohort study',
        abstract: 'We followed 2,000 staff for five years.',
        authors: ['Okafor, Chidi', 'Lee, Min'],
        year: 2019,
        doi: '10.1000/jws.2019.12',
        pmid: '31234567',
        journal: 'JOURNAL OF WORKFORCE STUDIES',
        keywords: ['promotion', 'ethnicity', 'CAREERS', 'DISCRIMINATION'],
      });
    }
  });

  it('reads the CSV exports of Covidence and Rayyan by their headers', async () => {
    const covidence = await load('review_123_export.csv', COVIDENCE);
    expect(covidence.r).toMatchObject({ format: 'covidence', imported: 2, problems: [] });
    expect(covidence.rows[0]).toMatchObject({ authors: ['Okafor C', 'Lee M'], year: 2019, pmid: '31234567', doi: '10.1000/jws.2019.12', journal: 'Journal of Workforce Studies' });
    const rayyan = await load('articles.csv', RAYYAN);
    expect(rayyan.r).toMatchObject({ format: 'rayyan', imported: 2, problems: [] });
    expect(rayyan.rows[0]).toMatchObject({ authors: ['Okafor C', 'Lee M'], year: 2019, doi: '10.1000/jws.2019.12', keywords: ['promotion', 'ethnicity'] });
    expect(rayyan.rows[1]).toMatchObject({ title: 'Mentoring programmes for staff of African descent', year: 2021, doi: null });
  });

  it('writes the PRISMA2020 package CSV with its keys, sources and exclusion reasons', async () => {
    // Every export above, imported into a project of this test's own, so it runs alone or in any order.
    const own = path.join(dir, 'prisma');
    fs.mkdirSync(own, { recursive: true });
    const db = Db.open(path.join(own, 'litkit.sqlite'), { create: true });
    const exports: [string, string][] = [['library.xml', ENDNOTE_XML], ['pubmed_result.xml', PUBMED_XML], ['savedrecs.txt', WOS], ['savedrecs.ciw', WOS_CRLF], ['review_123_export.csv', COVIDENCE], ['articles.csv', RAYYAN]];
    for (const [name, content] of exports) {
      fs.writeFileSync(path.join(own, name), content);
      await importRecords(db, path.join(own, name), { source: name });
    }
    decide(db, 1, 'include', { reviewer: 'a' });
    decide(db, 2, 'exclude', { reviewer: 'a' });
    decide(db, 1, 'exclude', { stage: 'full-text', reviewer: 'a', reason: 'wrong population' });
    const csv = prisma2020Csv(prismaCounts(db));
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['data', 'node', 'box', 'description', 'boxtext', 'tooltips', 'url', 'n']);
    const n = Object.fromEntries(rows.map((r) => [r.data, r.n]));
    const total = db.sql.prepare('SELECT count(*) FROM records').pluck().get() as number;
    expect(n).toMatchObject({ database_results: String(total), duplicates: '0', records_screened: '2', records_excluded: '1', dbr_sought_reports: '1', dbr_notretrieved_reports: '0', dbr_assessed: '1', dbr_excluded: 'wrong population, 1', new_studies: '0', website_results: '0' });
    db.close();
    expect(n.database_specific_results).toBe('articles.csv, 2; library.xml, 2; pubmed_result.xml, 2; review_123_export.csv, 2; savedrecs.ciw, 1; savedrecs.txt, 1');
  });
});
