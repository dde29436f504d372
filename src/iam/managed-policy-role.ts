import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * A role whose grants land in a customer-managed policy instead of an inline `DefaultPolicy`
 * (NIST 800-53 R5 and HIPAA IAMNoInlinePolicy). Every `grant*` call in aws-cdk-lib goes through
 * `addToPrincipalPolicy`, so this covers them all.
 * @internal
 */
export class ManagedPolicyRole extends iam.Role {
  private managedPolicy?: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    super(scope, id, props);
  }

  /** The statements granted so far, resolved as they will be in the template. */
  public resolvedStatements(): any[] {
    return this.managedPolicy ? Stack.of(this).resolve(this.managedPolicy.document.toJSON())?.Statement ?? [] : [];
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    if (!this.managedPolicy) {
      this.managedPolicy = new iam.ManagedPolicy(this, 'Policy', { roles: [this] });
    }
    this.managedPolicy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.managedPolicy };
  }
}
