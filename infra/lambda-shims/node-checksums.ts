import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import * as zlib from 'node:zlib';

/**
 * Stands in for `@smithy/core/checksum` in Lambda bundles (see infra/bundling.ts). The SDK clients take
 * their SHA-256 (request signing) and MD5 (SQS message checks) from there, and each of its Node classes
 * keeps a pure-JavaScript implementation beside it for a runtime without node:crypto — about 4.5 KB
 * in every bundle that Lambda never runs. Here the same classes are built on node:crypto and
 * node:zlib alone; the JavaScript and browser variants, and the stream and blob hashers only S3's
 * checksums use, refuse by name. Local runs and tests do not use bundles, so they keep the package.
 */
type SourceData = string | ArrayBuffer | ArrayBufferView;

export class ChecksumNotBundledError extends Error {
  constructor(what: string) {
    super(`${what}: only the node:crypto checksums are bundled into this Lambda (infra/lambda-shims/node-checksums.ts); remove the alias in infra/bundling.ts to use it`);
    this.name = 'ChecksumNotBundledError';
  }
}

const asBytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

const asUint8Array = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** SHA-256, or HMAC-SHA-256 when given a secret, as the SDK's Sha256Node behaves on Node. */
export class Sha256Node {
  readonly digestLength = 32;
  private hash: Hash | Hmac;
  private finished = false;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }

  update(data: SourceData): void {
    if (this.finished) throw new Error('Attempted to update an already finished hash.');
    this.hash.update(asBytes(data));
  }

  async digest(): Promise<Uint8Array> {
    // An HMAC cannot be copied, so its digest ends it; a plain hash can go on being updated.
    if (this.secret) {
      this.finished = true;
      return asUint8Array(this.hash.digest());
    }
    return asUint8Array((this.hash as Hash).copy().digest());
  }

  reset(): void {
    this.hash = this.create();
    this.finished = false;
  }

  private create(): Hash | Hmac {
    return this.secret ? createHmac('sha256', asBytes(this.secret)) : createHash('sha256');
  }
}

export class Md5Node {
  readonly digestLength = 16;
  private hash = createHash('md5');

  update(data: SourceData): void {
    this.hash.update(asBytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return asUint8Array(this.hash.copy().digest());
  }

  reset(): void {
    this.hash = createHash('md5');
  }
}

// zlib.crc32 is in every Node.js Lambda runs (22 and later); older Node lacks it.
const zlibCrc32 = (zlib as { crc32?: (data: string | Uint8Array, value?: number) => number }).crc32;

export class Crc32Node {
  readonly digestLength = 4;
  private value = 0;

  constructor() {
    if (zlibCrc32 === undefined) throw new ChecksumNotBundledError('Crc32 without zlib.crc32');
  }

  update(data: Uint8Array): void {
    this.value = zlibCrc32!(data, this.value);
  }

  digestSync(): number {
    return this.value >>> 0;
  }

  async digest(): Promise<Uint8Array> {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, this.digestSync(), false);
    return out;
  }

  reset(): void {
    this.value = 0;
  }
}

export { Sha256Node as Sha256, Md5Node as Md5, Crc32Node as Crc32 };

const refusingClass = (name: string) =>
  class {
    constructor() {
      throw new ChecksumNotBundledError(name);
    }
  };

const refuse = (name: string) => (): never => {
  throw new ChecksumNotBundledError(name);
};

export const Sha256Js = refusingClass('Sha256Js');
export const Sha256WebCrypto = refusingClass('Sha256WebCrypto');
export const Md5Js = refusingClass('Md5Js');
export const Crc32Js = refusingClass('Crc32Js');
export const blobHasher = refuse('blobHasher');
export const blobReader = refuse('blobReader');
export const fileStreamHasher = refuse('fileStreamHasher');
export const readableStreamHasher = refuse('readableStreamHasher');
