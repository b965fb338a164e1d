import chardet from 'chardet';

/** Bytes that cannot be read as text: a binary file renamed .csv, or garbage. */
export class NotTextError extends Error {}

/** An encoding name the caller chose that no decoder knows. */
export class UnknownEncodingError extends Error {}

export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used (utf-8-bom for UTF-8 with a BOM). */
  encoding: string;
  /** Empty when the encoding is certain; otherwise the plausible encodings, the one used first, for a person to pick. */
  candidates: string[];
}

const SAMPLE = 64 * 1024;
/**
 * A legacy guess is taken without asking only for a multi-byte encoding that chardet is sure of (0-100): their
 * byte sequences have a structure a wrong guess breaks. Any bytes are valid in a single-byte encoding
 * (Windows-1252, ISO-8859-x), so a guess among those is always a question.
 */
const SURE = 50;
const MULTI_BYTE = new Set(['gb18030', 'big5', 'shift_jis', 'euc-jp', 'euc-kr']);
const CANDIDATES = 5;
const ALWAYS_OFFERED = new Set(['gb18030', 'windows-1252']);

/** The canonical name of an encoding label ("latin1" -> "windows-1252", as browsers do), or null. */
export function encodingName(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

function decodes(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Text never holds NUL, and holds other C0 controls (besides tab, newlines, form feed, escape) only by
 * accident: random bytes have ~10% of them, images and archives have NULs near the start.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SAMPLE);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) controls += 1;
  }
  return controls > sample.length / 100;
}

/** The legacy encodings chardet finds plausible and that decode these bytes without error, likeliest first. */
function legacyCandidates(bytes: Uint8Array): Array<{ encoding: string; confidence: number }> {
  const seen = new Set<string>();
  const out: Array<{ encoding: string; confidence: number }> = [];
  const guesses = [...chardet.analyse(bytes.subarray(0, SAMPLE)), ...[...ALWAYS_OFFERED].map((name) => ({ name, confidence: 0 }))];
  for (const { name, confidence } of guesses) {
    const encoding = encodingName(name);
    if (!encoding || encoding === 'utf-8' || encoding.startsWith('utf-16') || seen.has(encoding)) continue;
    seen.add(encoding);
    if (decodes(bytes, encoding) !== null) out.push({ encoding, confidence });
  }
  // The two encodings spreadsheets here are saved in stay on offer whenever they can decode the bytes.
  return out.filter((c, i) => i < CANDIDATES || ALWAYS_OFFERED.has(c.encoding));
}

/**
 * Among single-byte guesses, chardet's ranking of short files is noise (José Müller reads as Turkish as well
 * as Western): Windows-1252, what spreadsheets write for Latin-1 text, is read first; the others stay on offer.
 */
function preferWindows1252<T extends { encoding: string }>(candidates: T[]): T[] {
  const top = candidates[0];
  const western = candidates.findIndex((c) => c.encoding === 'windows-1252');
  if (!top || MULTI_BYTE.has(top.encoding) || western <= 0) return candidates;
  return [candidates[western]!, ...candidates.filter((_, i) => i !== western)];
}

/**
 * The text of an uploaded CSV. A BOM decides; bytes that are valid UTF-8 are UTF-8. Otherwise the file is in
 * a legacy encoding: spreadsheet programs in China save CSV as GBK/GB18030, in Europe as Windows-1252, and
 * the bytes alone cannot always tell which. chardet's guess is taken when it is sure (GB18030 text is
 * recognised by its character frequencies); when it is not, the likeliest one is used and the others are
 * offered, so a person who sees "Jos閑" in the sample picks the right one. `chosen` is that pick.
 */
export function decodeText(bytes: Uint8Array, chosen?: string): DecodedText {
  const bom = (b0: number, b1: number, b2?: number) => bytes[0] === b0 && bytes[1] === b1 && (b2 === undefined || bytes[2] === b2);
  if (bom(0xff, 0xfe)) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', candidates: [] };
  if (bom(0xfe, 0xff)) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', candidates: [] };
  if (looksBinary(bytes)) throw new NotTextError('not a text file');
  if (chosen !== undefined) {
    const encoding = encodingName(chosen);
    if (!encoding) throw new UnknownEncodingError(chosen);
    // TextDecoder drops a BOM of its own encoding.
    return { text: new TextDecoder(encoding).decode(bytes), encoding, candidates: [] };
  }
  if (bom(0xef, 0xbb, 0xbf)) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom', candidates: [] };
  const utf8 = decodes(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', candidates: [] };
  const candidates = preferWindows1252(legacyCandidates(bytes));
  if (!candidates.length) throw new NotTextError('no encoding decodes this file');
  const best = candidates[0]!;
  return {
    text: new TextDecoder(best.encoding).decode(bytes),
    encoding: best.encoding,
    candidates: best.confidence >= SURE && MULTI_BYTE.has(best.encoding) ? [] : candidates.map((c) => c.encoding),
  };
}
