// Decimal values travel as strings ("12.50") and are compared exactly, digit by digit, as bpc's
// checker compares them (base/decimal.h): never through a binary double, so `@max(0.1)` refuses
// "0.10000000000000000001", which Number() rounds to 0.1.

interface Normalized {
  readonly negative: boolean;
  readonly digits: string; // without leading or trailing zeros; empty for zero
  readonly point: number; // the value is 0.DIGITS × 10^point
}

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

function normalize(text: string): Normalized | undefined {
  const match = NUMBER.exec(text);
  if (match === null) return undefined;
  const [, sign = '', integer = '', fraction = '', exponent = '0'] = match;
  const all = integer + fraction;
  const first = all.search(/[1-9]/);
  if (first < 0) return { negative: false, digits: '', point: 0 };
  const digits = all.slice(first).replace(/0+$/, '');
  // Exponents beyond a billion either way only decide by their sign.
  const clamped = Math.max(-1e9, Math.min(1e9, Number(exponent)));
  return { negative: sign === '-', digits, point: integer.length - first + clamped };
}

// -1, 0 or 1 as `a` is below, equal to or above `b`; NaN when either is not a number.
export function compareDecimal(a: string, b: string): number {
  const x = normalize(a);
  const y = normalize(b);
  if (x === undefined || y === undefined) return Number.NaN;
  const xNegative = x.negative && x.digits !== '';
  const yNegative = y.negative && y.digits !== '';
  if (xNegative !== yNegative) return xNegative ? -1 : 1;
  let magnitude: number;
  if (x.digits === '' || y.digits === '') {
    magnitude = x.digits === y.digits ? 0 : x.digits === '' ? -1 : 1;
  } else if (x.point !== y.point) {
    magnitude = x.point < y.point ? -1 : 1;
  } else {
    magnitude = x.digits < y.digits ? -1 : x.digits > y.digits ? 1 : 0;
  }
  return xNegative ? -magnitude : magnitude;
}

// A text that sorts, compared code unit by code unit (or as bytes by SQLite), in the order of the
// decimals it stands for: a sign digit, the exponent with a bias, then the digits (complemented
// and closed by `~` for negative numbers, so that -0.12 sorts after -0.125). Undefined when `text`
// is not a number.
export function decimalOrderKey(text: string): string | undefined {
  const value = normalize(text);
  if (value === undefined) return undefined;
  if (value.digits === '') return '1';
  if (!value.negative) return `2${String(value.point + 1e9).padStart(10, '0')}${value.digits}`;
  const complement = value.digits.replace(/[0-9]/g, (digit) => String(9 - Number(digit)));
  return `0${String(1e9 - value.point).padStart(10, '0')}${complement}~`;
}
