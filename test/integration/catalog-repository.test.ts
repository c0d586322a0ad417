// Proves the demo catalog round-trips through DynamoDB Local and is listed per agency with Queries only.
import { DynamoDbCatalogRepository, saveCatalog } from '../../functions/catalog/catalog-repository';
import { demoCatalog } from '../../functions/catalog/seed-catalog';
import { createTestTable, type TestTable } from '../support/dynamodb';

describe('DynamoDbCatalogRepository', () => {
  let table: TestTable;
  let repository: DynamoDbCatalogRepository;
  const catalog = demoCatalog();

  beforeAll(async () => {
    table = await createTestTable();
    repository = new DynamoDbCatalogRepository(table.doc, table.tableName, 0);
    await saveCatalog(table.doc, table.tableName, catalog);
  });
  afterAll(async () => table.drop());

  it('lists every procedure of the catalog', async () => {
    const procedures = await repository.listProcedures();
    expect(procedures.map((p) => p.code).sort()).toEqual(catalog.procedures.map((p) => p.code).sort());
  });

  it('lists one agency’s procedures through the agency index', async () => {
    const procedures = await repository.listProcedures({ agencyCode: 'TANPHONG' });
    expect(procedures.map((p) => p.code).sort()).toEqual(['CT-BANSAO', 'CT-CHUKY', 'HT-KETHON']);
    expect(await repository.listProcedures({ agencyCode: 'NOWHERE' })).toEqual([]);
  });

  it('returns a procedure with its fee schedule, or undefined', async () => {
    const procedure = await repository.getProcedure('GPXD-NHAO');
    expect(procedure?.fees.map((fee) => [fee.validFrom, fee.validTo])).toEqual([
      ['2020-01-01', '2024-12-31'],
      ['2025-01-01', null],
    ]);
    expect(await repository.getProcedure('NOPE')).toBeUndefined();
  });

  it('lists the agencies', async () => {
    expect((await repository.listAgencies()).map((agency) => agency.code).sort()).toEqual(catalog.agencies.map((a) => a.code).sort());
  });

  it('saves again without duplicating anything', async () => {
    await saveCatalog(table.doc, table.tableName, catalog);
    expect(await repository.listProcedures()).toHaveLength(catalog.procedures.length);
  });
});
