import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  SettlementObjectMissingError,
  type SettlementFileStore,
  type StoredObjectInfo,
  type StoredObjectRef,
} from '../../../domain/ports/settlement-file-store';

/**
 * The settlement-file store over a local directory, for `npm start` and tests: `<DATA_DIR>/settlement-files`
 * when data is kept, else a temporary directory removed by `dispose()`. Writes go to a temporary
 * name first and are renamed into place, so a reader never sees half a file. There are no upload
 * URLs here: locally, files are uploaded through the API.
 */
const KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const READ_CHUNK_BYTES = 1024 * 1024;

export class FileSystemSettlementFileStore implements SettlementFileStore {
  private root: Promise<string> | undefined;
  private temporary = false;

  /** `rootDir` undefined: a temporary directory, made on first use. */
  constructor(private readonly rootDir?: string) {}

  async put(key: string, body: Uint8Array): Promise<StoredObjectRef> {
    const path = await this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.partial-${randomUUID()}`;
    await writeFile(partial, body);
    await rename(partial, path);
    return { key };
  }

  async read(ref: StoredObjectRef): Promise<AsyncIterable<Uint8Array>> {
    const path = await this.pathOf(ref.key);
    if ((await this.sizeOf(path)) === undefined) throw new SettlementObjectMissingError(ref.key);
    return createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  }

  async head(ref: StoredObjectRef): Promise<StoredObjectInfo | undefined> {
    const size = await this.sizeOf(await this.pathOf(ref.key));
    return size === undefined ? undefined : { key: ref.key, sizeBytes: size };
  }

  async createUploadUrl(): Promise<undefined> {
    return undefined;
  }

  /** Removes the directory if it is a temporary one; kept data is left alone. */
  async dispose(): Promise<void> {
    if (this.root && this.temporary) await rm(await this.root, { recursive: true, force: true });
    this.root = undefined;
  }

  private async pathOf(key: string): Promise<string> {
    // Keys are built by the service, but a key is a path here: refuse anything that could leave the root.
    if (!KEY.test(key) || key.split('/').some((part) => part === '.' || part === '..')) throw new RangeError(`not a settlement object key: ${key}`);
    this.root ??= this.rootDir === undefined
      ? ((this.temporary = true), mkdtemp(join(tmpdir(), 'settlement-files-')))
      : mkdir(this.rootDir, { recursive: true }).then(() => this.rootDir!);
    return join(await this.root, ...key.split('/'));
  }

  private async sizeOf(path: string): Promise<number | undefined> {
    try {
      const info = await stat(path);
      return info.isFile() ? info.size : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
