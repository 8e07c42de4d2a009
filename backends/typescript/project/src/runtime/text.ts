// Lengths as blueprints (and JSON Schema) measure them: in Unicode code points, so "é" and "😀"
// are one character each, as `bpc check` counts them. A JavaScript string's `length` counts UTF-16
// units instead ("😀".length is 2), and so do Zod's `.min()` and `.max()` on strings.
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; a lone surrogate counts as one.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
