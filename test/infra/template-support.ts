import type { Template } from 'aws-cdk-lib/assertions';

/** Small readers over a synthesized template, so the infra tests say what they check, not how to dig. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly DeletionPolicy?: string;
}

export function resourcesOf(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(template.findResources(type) as Record<string, CfnResource>);
}

/** The logical id of the Lambda function built for a manifest function (its construct id is the name). */
export function functionId(template: Template, name: string): string {
  const matches = resourcesOf(template, 'AWS::Lambda::Function')
    .map(([id]) => id)
    .filter((id) => new RegExp(`^Functions${name}[0-9A-F]{8}$`).test(id));
  if (matches.length !== 1) throw new Error(`expected one Lambda for ${name}, found ${matches.join(', ') || 'none'}`);
  return matches[0]!;
}

/** Every statement of the inline policies attached to a function's role. */
export function statementsOf(template: Template, name: string): { Action: string | string[]; Resource: unknown; Effect: string }[] {
  const roleId = (template.toJSON().Resources[functionId(template, name)].Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties!.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement);
}

export function actionsOf(template: Template, name: string): string[] {
  return statementsOf(template, name).flatMap((statement) => [statement.Action].flat());
}

export function environmentOf(template: Template, name: string): Record<string, unknown> {
  return template.toJSON().Resources[functionId(template, name)].Properties.Environment.Variables;
}

/** The layers of a function's Lambda (an ARN, or the intrinsic that finds one). */
export function layersOf(template: Template, name: string): unknown[] {
  return template.toJSON().Resources[functionId(template, name)].Properties.Layers ?? [];
}

/** Resolves `{ Ref }` / `{ Fn::GetAtt: [id, …] }` to the logical id it points at. */
export function referencedId(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const ref = (value as { Ref?: string }).Ref;
    if (ref) return ref;
    const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
    if (getAtt) return getAtt[0];
  }
  return undefined;
}
