/**
 * Stands in for `@smithy/core/event-streams` in Lambda bundles (see infra/bundling.ts).
 * The SDK's HTTP protocol loads it with `await import(...)` only to send or receive an event stream,
 * and no operation we call on our clients (DynamoDB, SQS) has one; esbuild cannot tell and bundles
 * the whole codec anyway, ~15 KB in every function with an SDK client. Anything that would really
 * encode or decode an event stream throws EventStreamsNotBundledError instead. Building a client stays
 * harmless: a client whose service has event-stream operations (S3, for one) resolves its marshaller
 * at construction, so the config resolver and the marshaller factories still work and hand back a
 * marshaller that refuses at first use. Local runs and tests do not use bundles and keep the real module.
 */
export class EventStreamsNotBundledError extends Error {
  constructor(what: string) {
    super(`${what}: AWS SDK event streams are not bundled into this Lambda (infra/lambda-shims/no-event-streams.ts); remove the alias in infra/bundling.ts to call an event-stream operation`);
    this.name = 'EventStreamsNotBundledError';
  }
}

const refuse = (what: string) => (): never => {
  throw new EventStreamsNotBundledError(what);
};

/** A class the SDK would construct only to work on an event stream: constructing it refuses. */
const refusingClass = (name: string) =>
  class {
    constructor() {
      throw new EventStreamsNotBundledError(name);
    }
  };

interface RefusingMarshaller {
  deserialize(): never;
  serialize(): never;
}

const refusingMarshaller = (): RefusingMarshaller => ({ deserialize: refuse('EventStreamMarshaller.deserialize'), serialize: refuse('EventStreamMarshaller.serialize') });

/** As the real resolver: the client's config gets the marshaller its provider builds (here, one that refuses when used). */
export const resolveEventStreamSerdeConfig = <T extends { eventStreamSerdeProvider: (input: T) => unknown }>(
  input: T,
): T & { eventStreamMarshaller: ReturnType<T['eventStreamSerdeProvider']> } =>
  Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) as ReturnType<T['eventStreamSerdeProvider']> });
export const eventStreamSerdeProvider = (_options?: unknown): RefusingMarshaller => refusingMarshaller();
export const universalEventStreamSerdeProvider = eventStreamSerdeProvider;

export const EventStreamCodec = refusingClass('EventStreamCodec');
export const EventStreamMarshaller = refusingClass('EventStreamMarshaller');
export const UniversalEventStreamMarshaller = refusingClass('UniversalEventStreamMarshaller');
export const EventStreamSerde = refusingClass('EventStreamSerde');
export const HeaderMarshaller = refusingClass('HeaderMarshaller');
export const Int64 = refusingClass('Int64');
export const MessageDecoderStream = refusingClass('MessageDecoderStream');
export const MessageEncoderStream = refusingClass('MessageEncoderStream');
export const SmithyMessageDecoderStream = refusingClass('SmithyMessageDecoderStream');
export const SmithyMessageEncoderStream = refusingClass('SmithyMessageEncoderStream');
export const getChunkedStream = refuse('getChunkedStream');
export const getMessageUnmarshaller = refuse('getMessageUnmarshaller');
export const getUnmarshalledStream = refuse('getUnmarshalledStream');
export const iterableToReadableStream = refuse('iterableToReadableStream');
export const readableStreamToIterable = refuse('readableStreamToIterable');
