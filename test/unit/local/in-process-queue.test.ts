// Proves the local queue keeps the SQS semantics consumers rely on: redelivery after the visibility timeout, redrive to the DLQ, partial batch failures.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { InProcessMessageQueue, InProcessQueue } from '../../../functions/local/in-process-queue';
import { QueueWorker } from '../../../functions/local/queue-worker';

function aQueue(now: () => number, maxReceiveCount = 3) {
  const deadLetterQueue = new InProcessQueue({ name: 'jobs-dlq', visibilityTimeoutMs: 1000, maxReceiveCount: 1000, now });
  const queue = new InProcessQueue({ name: 'jobs', visibilityTimeoutMs: 1000, maxReceiveCount, deadLetterQueue, now });
  return { queue, deadLetterQueue };
}

describe('InProcessQueue', () => {
  it('hides a received message until its visibility timeout, then delivers it again', () => {
    let now = 0;
    const { queue } = aQueue(() => now);
    queue.send('a');
    expect(queue.receive(10).map((m) => m.body)).toEqual(['a']);
    expect(queue.receive(10)).toEqual([]);
    now = 999;
    expect(queue.receive(10)).toEqual([]);
    now = 1000;
    const [again] = queue.receive(10);
    expect(again?.body).toBe('a');
    expect(again?.receiveCount).toBe(2);
  });

  it('deletes only with the latest receipt handle', () => {
    let now = 0;
    const { queue } = aQueue(() => now);
    queue.send('a');
    const first = queue.receive(1)[0]!;
    now = 1000;
    const second = queue.receive(1)[0]!;
    expect(queue.delete(first.receiptHandle)).toBe(false);
    expect(queue.delete(second.receiptHandle)).toBe(true);
    now = 5000;
    expect(queue.receive(1)).toEqual([]);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', () => {
    let now = 0;
    const { queue, deadLetterQueue } = aQueue(() => now, 2);
    queue.send('poison');
    for (let i = 0; i < 2; i++) {
      expect(queue.receive(1)).toHaveLength(1);
      now += 1000;
    }
    expect(queue.receive(1)).toEqual([]);
    expect(deadLetterQueue.peekBodies()).toEqual(['poison']);
    expect(queue.depth()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('holds back delayed messages until their delay has passed', async () => {
    let now = 0;
    const { queue } = aQueue(() => now);
    await new InProcessMessageQueue(new Map([['jobs', queue]])).send('jobs', [{ body: 'later', delaySeconds: 5 }]);
    expect(queue.receive(1)).toEqual([]);
    expect(queue.depth().delayed).toBe(1);
    now = 5000;
    expect(queue.receive(1).map((m) => m.body)).toEqual(['later']);
  });

  it('refuses to send to a queue that does not exist', async () => {
    await expect(new InProcessMessageQueue(new Map()).send('nope', [{ body: 'x' }])).rejects.toThrow('no queue named nope');
  });
});

describe('QueueWorker', () => {
  it('deletes handled messages, redelivers reported failures, and dead-letters a message that always fails', async () => {
    const deadLetterQueue = new InProcessQueue({ name: 'jobs-dlq', visibilityTimeoutMs: 1000, maxReceiveCount: 1000 });
    const queue = new InProcessQueue({ name: 'jobs', visibilityTimeoutMs: 20, maxReceiveCount: 3, deadLetterQueue });
    const attempts = new Map<string, number>();
    const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      const batchItemFailures = [];
      for (const record of event.Records) {
        const count = (attempts.get(record.body) ?? 0) + 1;
        attempts.set(record.body, count);
        const fails = record.body === 'poison' || (record.body === 'flaky' && count === 1);
        if (fails) batchItemFailures.push({ itemIdentifier: record.messageId });
      }
      return { batchItemFailures };
    };
    const worker = new QueueWorker(queue, handler, { batchSize: 10, functionName: 'Jobs' });
    worker.start();
    for (const body of ['ok', 'flaky', 'poison']) queue.send(body);
    const deadline = Date.now() + 5000;
    while (!(worker.isIdle() && deadLetterQueue.peekBodies().length === 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();

    expect(attempts.get('ok')).toBe(1);
    expect(attempts.get('flaky')).toBe(2);
    expect(attempts.get('poison')).toBe(3);
    expect(deadLetterQueue.peekBodies()).toEqual(['poison']);
    expect(queue.depth()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('redelivers the whole batch when the handler throws', async () => {
    const queue = new InProcessQueue({ name: 'jobs', visibilityTimeoutMs: 20, maxReceiveCount: 5 });
    let calls = 0;
    const worker = new QueueWorker(
      queue,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('transient');
      },
      { batchSize: 10, functionName: 'Jobs', onError: () => undefined },
    );
    queue.send('a');
    queue.send('b');
    worker.start();
    const deadline = Date.now() + 5000;
    while (!(calls >= 2 && worker.isIdle()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    expect(calls).toBe(2);
    expect(queue.depth()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });
});
