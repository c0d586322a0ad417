import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server standing in for one versioned S3 bucket, addressed path-style
 * (`/<bucket>/<key>?versionId=…`): PutObject, GetObject and HeadObject with S3's status codes, headers
 * and XML error bodies, every request recorded. Tests queue faults (`failNext`) and may hold a GET's
 * body after its first chunk (`holdAfterFirstChunk`) to see that a reader streams it.
 */
export interface RecordedRequest {
  readonly method: string;
  /** The path and query as sent, still encoded. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

interface StoredVersion {
  readonly versionId: string;
  readonly body: Buffer;
  readonly contentType: string;
}

interface Fault {
  readonly status: number;
  readonly code?: string;
  /** Only a request with this method gets the fault; any request when unset. */
  readonly method?: 'GET' | 'HEAD' | 'PUT';
}

export class FakeS3 {
  readonly requests: RecordedRequest[] = [];
  private readonly objects = new Map<string, StoredVersion[]>();
  private faults: Fault[] = [];
  private held: { readonly onFirstChunk: () => void; readonly released: Promise<void> } | undefined;
  private readonly server: Server = createServer((request, response) => void this.serve(request, response));

  constructor(readonly bucket: string) {}

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.requests.length = 0;
    this.objects.clear();
    this.faults = [];
    this.held = undefined;
  }

  /** Stores a version as if it had been uploaded; returns its version id. */
  putObject(key: string, body: string | Buffer, options: { readonly contentType?: string; readonly versionId?: string } = {}): string {
    const versionId = options.versionId ?? randomUUID();
    this.objects.set(key, [...(this.objects.get(key) ?? []), { versionId, body: Buffer.from(body), contentType: options.contentType ?? 'text/csv' }]);
    return versionId;
  }

  versionsOf(key: string): readonly StoredVersion[] {
    return this.objects.get(key) ?? [];
  }

  /** The next requests (one per fault, of the fault's method if it names one) are answered with these errors instead. */
  failNext(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** The next GET sends its first chunk, then waits for `release()`; `firstChunkSent` settles once it is out. */
  holdAfterFirstChunk(): { firstChunkSent: Promise<void>; release: () => void } {
    let onFirstChunk!: () => void;
    let release!: () => void;
    const firstChunkSent = new Promise<void>((resolve) => (onFirstChunk = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.held = { onFirstChunk, released };
    return { firstChunkSent, release };
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = request.url ?? '/';
    this.requests.push({ method: request.method ?? '', url, headers: request.headers, body });

    const faultAt = this.faults.findIndex((fault) => fault.method === undefined || fault.method === request.method);
    if (faultAt >= 0) {
      const [fault] = this.faults.splice(faultAt, 1);
      return errorAnswer(response, request.method, fault!.status, fault!.code);
    }

    const parsed = new URL(url, 'http://s3.local');
    const [, bucket, ...keyParts] = parsed.pathname.split('/');
    const key = keyParts.map(decodeURIComponent).join('/');
    if (bucket !== this.bucket) return errorAnswer(response, request.method, 404, 'NoSuchBucket');
    const versionId = parsed.searchParams.get('versionId');

    if (request.method === 'PUT') {
      if (Number(request.headers['content-length']) !== body.byteLength) return errorAnswer(response, 'PUT', 400, 'IncompleteBody');
      const stored = this.putObject(key, body, { contentType: request.headers['content-type'] ?? 'binary/octet-stream' });
      response.writeHead(200, { 'x-amz-version-id': stored, etag: '"etag"' }).end();
      return;
    }
    const versions = this.objects.get(key);
    if (!versions) return errorAnswer(response, request.method, 404, 'NoSuchKey');
    const version = versionId ? versions.find((v) => v.versionId === versionId) : versions.at(-1);
    if (!version) return errorAnswer(response, request.method, 404, 'NoSuchVersion');
    const headers = { 'content-type': version.contentType, 'content-length': String(version.body.byteLength), 'x-amz-version-id': version.versionId };
    if (request.method === 'HEAD') {
      response.writeHead(200, headers).end();
      return;
    }
    response.writeHead(200, headers);
    const held = this.held;
    this.held = undefined;
    const half = Math.ceil(version.body.byteLength / 2);
    response.write(version.body.subarray(0, half));
    if (held) {
      held.onFirstChunk();
      await held.released;
    }
    response.end(version.body.subarray(half));
  }
}

/** S3's error answer: an XML body naming the code, except for HEAD, which has no body. */
function errorAnswer(response: ServerResponse, method: string | undefined, status: number, code: string | undefined): void {
  if (method === 'HEAD' || code === undefined) {
    response.writeHead(status).end();
    return;
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${code} from the fake S3</Message><RequestId>FAKE</RequestId></Error>`;
  response.writeHead(status, { 'content-type': 'application/xml' }).end(xml);
}
