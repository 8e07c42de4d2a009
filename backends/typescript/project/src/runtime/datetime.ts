// Date-times as the service holds them: in UTC, to the microsecond, a fraction as six digits or
// none when it is zero (`2024-01-15T10:00:00.500000Z`), as the blueprint's Python (Pydantic) and
// C++ services write them. Every
// store then keeps and orders them alike (PostgreSQL's `timestamptz` keeps no offset and no digit
// past the microsecond), and a record reads back exactly as it was written.

const DATETIME = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?([Zz]|[+-]\d\d:\d\d)$/;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

// A fraction of a second in microseconds (further digits dropped), as `.dddddd` or '' for zero.
export const micros = (digits: string): string => {
  const kept = digits.slice(0, 6).padEnd(6, '0');
  return kept === '000000' ? '' : `.${kept}`;
};

// An RFC 3339 date-time with an offset in UTC; undefined when it is not one. An instant with no
// UTC spelling in years 1 to 9999 is kept as given, as the Python service keeps it.
export function utcDatetime(text: string): string | undefined {
  const match = DATETIME.exec(text);
  if (match === null) return undefined;
  const [, year = '', month = '', day = '', hour = '', minute = '', second = '00', fraction = '', zone = 'Z'] = match;
  const offset = zone.toUpperCase() === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  const local = new Date(0);
  local.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  local.setUTCHours(Number(hour), Number(minute), Number(second));
  if (local.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const utc = new Date(local.getTime() - offset * 60_000);
  const utcYear = utc.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) return text;
  return (
    `${pad(utcYear, 4)}-${pad(utc.getUTCMonth() + 1, 2)}-${pad(utc.getUTCDate(), 2)}T` +
    `${pad(utc.getUTCHours(), 2)}:${pad(utc.getUTCMinutes(), 2)}:${pad(utc.getUTCSeconds(), 2)}${micros(fraction)}Z`
  );
}

// The current time as the service holds date-times.
export function nowDatetime(): string {
  const iso = new Date().toISOString(); // 2024-01-15T10:00:00.123Z
  return `${iso.slice(0, 19)}${micros(iso.slice(20, 23))}Z`;
}

// A date PostgreSQL and Python can keep: year 0 is in RFC 3339, not in their calendars.
export const storableDate = (text: string): boolean => !text.startsWith('0000');
