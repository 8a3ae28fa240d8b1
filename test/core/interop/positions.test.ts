import { describe, expect, it } from 'vitest';
import { cleanSourceText, toCodePoints } from '../../../src/core/interop/index.js';

describe('positions at the REFI-QDA boundary', () => {
  // "Equal 🌍 égalité 平等": 🌍 is one code point and two UTF-16 units; é and 平 are one of each.
  const text = 'Equal 🌍 égalité 平等';

  it('UTF-16 indexes become code points, counting an emoji once', () => {
    const cp = toCodePoints(text);
    expect(cp(text.indexOf('égalité'))).toBe(text.indexOf('égalité') - 1);
    expect(cp(text.length)).toBe([...text].length);
    expect(cp(text.indexOf('🌍'))).toBe(6);
  });

  it('code points come back as the same UTF-16 indexes', () => {
    const clean = cleanSourceText(text);
    const cp = toCodePoints(text);
    for (const i of [0, 6, text.indexOf('égalité'), text.indexOf('平'), text.length]) expect(clean.toUtf16(cp(i))).toBe(i);
    expect(clean.text).toBe(text);
  });

  it('CRLF becomes LF, with both characters counted as the file has them', () => {
    const file = 'Line one\r\nLine 🌍 two\r\n\r\nThree\rFour\u0007!';
    const clean = cleanSourceText(file);
    expect(clean.text).toBe('Line one\nLine 🌍 two\n\nThree\nFour!');
    expect(clean.crlf).toBe(true);
    expect(clean.controls).toBe(1);
    const at = (s: string) => [...file.slice(0, file.indexOf(s))].length;
    for (const word of ['Line 🌍', 'two', 'Three', 'Four', '!']) expect(clean.text.slice(clean.toUtf16(at(word)), clean.toUtf16(at(word)) + word.length)).toBe(word);
    expect(clean.toUtf16([...file].length)).toBe(clean.text.length);
  });
});
