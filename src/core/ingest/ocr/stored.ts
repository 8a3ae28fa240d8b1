import type { Db } from '../../store/db.js';
import type { OcrPage } from '../types.js';

/** A stored document with pages whose text OCR recognised. */
export interface OcrDocument {
  id: number;
  title: string;
  sourcePath: string;
  /** All its pages, recognised or not. */
  pages: number;
  /** The recognised pages, in order, each with tesseract's mean word confidence (0 to 100). */
  ocrPages: OcrPage[];
  /** Mean of the recognised pages' confidences. */
  confidence: number;
}

interface OcrPageRow {
  id: number;
  title: string;
  source_path: string;
  page_count: number;
  number: number;
  ocr_confidence: number;
}

/** The documents with recognised pages, in the order they were added. */
export function ocrDocuments(db: Db): OcrDocument[] {
  const rows = db.sql
    .prepare(
      `SELECT d.id, d.title, d.source_path, d.page_count, p.number, p.ocr_confidence
       FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.ocr = 1 ORDER BY d.id, p.number`,
    )
    .all() as OcrPageRow[];
  const byId = new Map<number, OcrDocument>();
  for (const r of rows) {
    let doc = byId.get(r.id);
    if (!doc) byId.set(r.id, (doc = { id: r.id, title: r.title, sourcePath: r.source_path, pages: r.page_count, ocrPages: [], confidence: 0 }));
    doc.ocrPages.push({ page: r.number, confidence: r.ocr_confidence });
  }
  for (const doc of byId.values()) doc.confidence = doc.ocrPages.reduce((sum, p) => sum + p.confidence, 0) / doc.ocrPages.length;
  return [...byId.values()];
}
