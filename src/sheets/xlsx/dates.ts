// Which number formats show a date, and how an Excel date serial becomes ISO text. Dates are
// not money, so plain JS numbers (in UTC) are fine here; amounts must never come through this
// module.

/**
 * Built-in format ids that are dates or times: 14–22 everywhere, plus 27–36 and 50–58, which
 * Chinese (and other CJK) Excel and WPS use for formats such as yyyy"年"m"月"d"日" (id 31),
 * and the elapsed-time formats 45–47.
 */
export function isDateFormatId(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** Elapsed-time sections such as [h], [mm] or [ss]: times, unlike [Red] or [$-804]. */
const ELAPSED = /^\[(h+|m+|s+)\]$/i;

/**
 * Whether a custom format code displays a date or time: after dropping quoted literals,
 * backslash escapes, padding (_x) and fill (*x) characters, and bracketed colours, locales
 * and conditions, does it still use y, m, d, h or s? "General" has none of them.
 */
export function isDateFormatCode(code: string): boolean {
  const stripped = code.replace(/"[^"]*"|\\.|_.|\*.|\[[^\]]*\]/g, (m) => (ELAPSED.test(m) ? 'h' : ''));
  return /[ymdhs]/i.test(stripped);
}

/** Each system's day zero (UTC ms), so that day zero + serial days is the date. */
const EPOCH_1900 = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;
/** 9999-12-31, the last day Excel can show, in the 1900 system. */
const MAX_SERIAL = 2_958_465;

/**
 * An Excel date serial as 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SS' when it has a time of day
 * (to the second). Undefined when the serial is not a date Excel could show (negative, past
 * 9999 or not a number), so the caller can keep the cell as a number instead.
 */
export function serialToIso(serialText: string, date1904: boolean): string | undefined {
  const serial = Number(serialText);
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) return undefined;
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds === 86_400) {
    days += 1;
    seconds = 0;
  }
  let ms: number;
  if (date1904) {
    ms = EPOCH_1904 + days * DAY_MS;
  } else if (days < 60) {
    ms = EPOCH_1900 + days * DAY_MS;
  } else {
    // Excel counts a 1900-02-29 that never existed (serial 60, kept for Lotus 1-2-3), so every
    // later serial is one day ahead of the calendar. Serial 60 itself is shown as 1900-02-28,
    // the nearest real day, rather than inventing an impossible date.
    ms = EPOCH_1900 + (days === 60 ? 59 : days - 1) * DAY_MS;
  }
  const iso = new Date(ms + seconds * 1000).toISOString();
  return seconds === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}

/**
 * The text of a t="d" cell (ISO 8601 as the file holds it), with a midnight time dropped so
 * that '2019-09-30T00:00:00Z' reads like a serial-based date, '2019-09-30'.
 */
export function isoCellText(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$/.exec(text);
  return m?.[1] ?? text;
}
