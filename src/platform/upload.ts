/** Uploaded CSV bodies go through the same streaming reader as files: written to a private temp file. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserFacingError } from '../kernel/errors.ts';

export async function withUploadedFile<T>(
  body: unknown,
  use: (path: string) => Promise<T>,
): Promise<T> {
  if (typeof body !== 'string') {
    throw new UserFacingError(
      'MS_UNSUPPORTED_MEDIA_TYPE',
      'send the CSV as the request body with Content-Type: text/csv',
    );
  }
  const folder = await mkdtemp(join(tmpdir(), 'medsupply-upload-'));
  const path = join(folder, 'upload.csv');
  try {
    await writeFile(path, body);
    return await use(path);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
