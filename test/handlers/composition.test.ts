// Proves how the composition root picks the settlement-file store: the bucket when SETTLEMENT_BUCKET is set, a local directory otherwise, and in Lambda never a directory (files there would be lost with the instance).
import { buildDependencies } from '../../functions/composition';
import { S3SettlementFileStore } from '../../functions/adapters/s3/s3-settlement-file-store';
import { FileSystemSettlementFileStore } from '../../functions/adapters/filesystem/filesystem-settlement-file-store';
import { loadConfig } from '../../functions/config';

describe('the settlement-file store the composition root builds', () => {
  const inLambda = process.env.AWS_LAMBDA_FUNCTION_NAME;
  afterEach(() => {
    if (inLambda === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    else process.env.AWS_LAMBDA_FUNCTION_NAME = inLambda;
  });

  it('is the bucket when SETTLEMENT_BUCKET is set', () => {
    const { settlementFiles, dynamoDb } = buildDependencies(loadConfig({ SETTLEMENT_BUCKET: 'fee-payments-dev-settlements' }));
    dynamoDb.client.destroy();
    expect(settlementFiles).toBeInstanceOf(S3SettlementFileStore);
  });

  it('is a local directory when no bucket is set', async () => {
    const { settlementFiles, dynamoDb } = buildDependencies(loadConfig({}));
    dynamoDb.client.destroy();
    expect(settlementFiles).toBeInstanceOf(FileSystemSettlementFileStore);
    await (settlementFiles as FileSystemSettlementFileStore).dispose();
  });

  it('refuses to fall back on a directory inside Lambda', () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'fee-payments-dev-RunReconciliation';
    expect(() => buildDependencies(loadConfig({ TABLE_NAME: 'fee-payments-dev' }))).toThrow(
      'settlementFiles: SETTLEMENT_BUCKET is not set, and in Lambda files are kept only in the bucket',
    );
  });
});
