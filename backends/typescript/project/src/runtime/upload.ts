// File uploads: a `multipart/form-data` body whose part named `file` holds the bytes, parsed as
// it streams in by busboy (the parser multer builds on), up to a size limit. 415 for another
// media type, 413 above the limit, 400 for a broken body, one without a `file` part or one with
// any other part.
import busboy from 'busboy';
import type { Request } from 'express';

import { HttpProblem } from './problem.js';

// The largest file an upload accepts, in bytes.
export const uploadLimit = 10 * 1024 * 1024;

const problem = (status: number, title: string, message: string): HttpProblem =>
  new HttpProblem(status, title, `file: ${message}`, [{ field: 'file', message }]);

export function readUpload(req: Request, limit = uploadLimit): Promise<Buffer> {
  if (req.is('multipart/form-data') !== 'multipart/form-data') {
    return Promise.reject(new HttpProblem(415, 'Unsupported media type', 'an upload is multipart/form-data with a part named file'));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: limit, fields: 16, parts: 17 } });
    } catch {
      reject(problem(400, 'Invalid request', 'the body is not valid multipart/form-data'));
      return;
    }
    const chunks: Buffer[] = [];
    let seen = false;
    let tooLarge = false;
    let unexpected: string | undefined;  // the first part that is not the file
    parser.on('field', (name) => {
      unexpected ??= name;
    });
    parser.on('file', (name, stream) => {
      if (name !== 'file' || seen) {
        unexpected ??= name;
        stream.resume();
        return;
      }
      seen = true;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        tooLarge = true;
      });
    });
    parser.on('error', () => {
      reject(problem(400, 'Invalid request', 'the body is not valid multipart/form-data'));
    });
    parser.on('close', () => {
      if (tooLarge) reject(problem(413, 'Content too large', `an upload holds at most ${String(limit)} bytes`));
      else if (unexpected !== undefined) reject(problem(400, 'Invalid request', `the only part is file, not ${JSON.stringify(unexpected)}`));
      else if (!seen) reject(problem(400, 'Invalid request', 'a part named file holding the file is required'));
      else resolve(Buffer.concat(chunks));
    });
    req.pipe(parser);
  });
}
