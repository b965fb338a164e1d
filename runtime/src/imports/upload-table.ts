import type { Locale } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import { NotTextError, UnknownEncodingError } from './decode.js';
import { text } from './messages.js';
import { readTable, type Table } from './parse-file.js';

/**
 * An uploaded file as a table, or the 400 that tells the uploader why not: bytes that are no text (garbage or
 * a binary file renamed .csv) are refused here, before they become garbage column names.
 */
export function uploadedTable(bytes: Buffer, encoding: string | undefined, locale: Locale): Table {
  try {
    return readTable(bytes, encoding);
  } catch (error) {
    if (error instanceof NotTextError) throw new ApiError(400, 'not_text_file', text('not_text_file', locale));
    if (error instanceof UnknownEncodingError) {
      const message = text('unknown_encoding', locale);
      throw new ApiError(400, 'bad_request', message, [{ path: '/querystring/encoding', code: 'unknown_encoding', message }]);
    }
    throw error;
  }
}
