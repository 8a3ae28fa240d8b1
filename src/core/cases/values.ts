/** How an attribute value is stored: a number when the text is one, so that order compares work. */
const NUMBER = /^[-+]?(?:\d+(?:\.\d+)?|\.\d+)$/;

/**
 * The stored form of an attribute value: numbers ("50", "3.5") as numbers, the rest as trimmed
 * text. Whole numbers go as BigInt so SQLite stores an INTEGER (printed "50", not "50.0").
 */
export function attributeValue(raw: string | number): string | number | bigint {
  const n = typeof raw === 'number' ? raw : NUMBER.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isFinite(n)) return String(raw).trim();
  return Number.isSafeInteger(n) ? BigInt(n) : n;
}

/** Whether a value reads as a number. */
export const isNumeric = (text: string) => NUMBER.test(text.trim());
