// Not characters of an XML 1.0 document at all: C0 controls other than tab, LF and CR (the form
// feed included), U+FFFE/FFFF, and unpaired surrogates. Stripped, as the style guide asks of writers.
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content, escaped; CR kept as a reference, since a parser would otherwise turn it into LF. */
export function xmlText(s: string): string {
  return s.replace(ILLEGAL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value, escaped for double quotes; tabs and line ends as references, which attribute normalisation would turn into spaces. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** ` name="value"` for each defined value, in the order given. */
export function attrs(values: Record<string, string | number | boolean | undefined | null>): string {
  let out = '';
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) out += ` ${k}="${xmlAttr(String(v))}"`;
  return out;
}
