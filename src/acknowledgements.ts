import { CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Every compliance finding the constructs acknowledge, with the reason, in one place. Each one is
 * applied to the narrowest construct that causes it, and only when the construct is configured that way.
 * @internal
 */
export const ACKNOWLEDGEMENTS = {
  /** A job's dead-letter queue is itself the dead-letter queue. */
  jobDeadLetterQueue: ['AwsSolutions-SQS3', 'cdk-validator-cfnguard::sqs_dlq_check'].map(id => ({
    id,
    reason: 'This queue is the dead-letter queue of a job\'s schedules and rules: it holds the invocations that could not start a ' +
      'run, for a person to inspect. A dead-letter queue of its own would only move them again.',
  })),
  /** Public subnets of a NAT-mode VPC route 0.0.0.0/0 to the internet gateway. */
  natSubnetInternetRoute: ['NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW', 'HIPAA.Security-VPCNoUnrestrictedRouteToIGW'].map(id => ({
    id,
    reason: 'Public subnet of a FargateEnvironment in NAT mode: it holds the NAT gateways and internet-facing load balancers only; ' +
      'tasks run in private subnets whose default route is the NAT gateway.',
  })),

  /** aws-cdk-lib's custom resource that strips the default security group's rules. */
  restrictDefaultSecurityGroupLambda: [{
    id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
    reason: "aws-cdk-lib's Custom::VpcRestrictDefaultSG provider (restrictDefaultSecurityGroup): it runs once per deployment, " +
      'calls only the EC2 API to remove the default security group rules, and must work before the VPC has endpoints or NAT.',
  }],

  /** The bundled CT.ECS.PR.2 guard rule matches `enabled` only, and predates `enhanced`. */
  containerInsightsEnhanced: [{
    id: 'cdk-validator-cfnguard::ecs_container_insights_enabled_check',
    reason: "Container Insights is 'enhanced', a superset of 'enabled' (ECS ClusterSetting). The bundled CT.ECS.PR.2 guard rule " +
      "predates the enhanced value and accepts 'enabled' only; where Control Tower enforces CT.ECS.PR.2, set containerInsights to ENABLED.",
  }],

  /** Pulling from ECR needs ecr:GetAuthorizationToken, which has no resource-level permissions. */
  ecrAuthorizationToken: [{
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'Execution role of a task whose image is in ECR: ecr:GetAuthorizationToken has no resource-level permissions ' +
      '(Service Authorization Reference); the layer and manifest actions are scoped to the repository.',
  }],

  /** ECS Exec permissions with no resource-level scope. */
  execPermissions: [{
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'ECS Exec: the ssmmessages channel actions and logs:DescribeLogGroups have no resource-level permissions ' +
      '(Service Authorization Reference); every other statement here names its log group or key.',
  }],

  /** Windows containers cannot set a user or a read-only root filesystem. */
  windowsContainerUser: ['cdk-validator-cfnguard::ecs_task_definition_nonroot_user_check', 'cdk-validator-cfnguard::ecs_containers_readonly_access_check'].map(id => ({
    id,
    reason: 'Windows task on Fargate: ECS rejects `user` and `readonlyRootFilesystem` for Windows containers (Fargate-WN1), ' +
      'so these Control Tower controls cannot be met by a Windows task definition.',
  })),

  /** The port-80 listener that only redirects to HTTPS. */
  httpsRedirectListener: ['NIST.800.53.R5-ELBv2ACMCertificateRequired', 'HIPAA.Security-ELBv2ACMCertificateRequired'].map(id => ({
    id,
    reason: 'This port-80 listener only answers with a redirect to the HTTPS listener on 443, which carries the certificate.',
  })),

  /** EFS automatic backups are an AWS Backup plan that EFS manages, so no backup selection is in the template. */
  efsAutomaticBackups: ['NIST.800.53.R5-EFSInBackupPlan', 'HIPAA.Security-EFSInBackupPlan'].map(id => ({
    id,
    reason: 'EfsVolume with automatic backups (BackupPolicy ENABLED): AWS Backup backs the file system up in the default plan ' +
      'aws/efs/automatic-backup-plan, which EFS manages, so the template holds no AWS::Backup::BackupSelection for the rule to find.',
  })),

  /** A file system in the user's own AWS Backup plan, without automatic backups as well. */
  efsBackupPlanOnly: [{
    id: 'cdk-validator-cfnguard::efs_automatic_backups_enabled_check',
    reason: 'EfsVolume with EfsBackup.plan(): an AWS::Backup::BackupSelection puts the file system in the given AWS Backup plan; ' +
      'the bundled CT.EFS.PR.2 guard rule looks only at BackupPolicy, and automatic backups on top would back up twice.',
  }],

  /** The environment's load balancer access-log bucket and the bucket its own server access logs go to. */
  accessLogBucket: [
    ...['NIST.800.53.R5-S3DefaultEncryptionKMS', 'HIPAA.Security-S3DefaultEncryptionKMS', 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check'].map(id => ({
      id,
      reason: 'Load balancer access-log bucket: Elastic Load Balancing delivers access logs only to buckets encrypted with ' +
        'SSE-S3 (Elastic Load Balancing user guide, access logs bucket requirements), so SSE-KMS would stop delivery.',
    })),
    ...['NIST.800.53.R5-S3BucketReplicationEnabled', 'HIPAA.Security-S3BucketReplicationEnabled'].map(id => ({
      id,
      reason: 'Load balancer access-log bucket: an operational record kept one year by lifecycle, versioned and access-logged; ' +
        'a replica in another Region would double its cost without protecting the service. Add a replication rule where policy requires one.',
    })),
    {
      id: 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
      reason: 'Load balancer access-log bucket: log delivery writes new objects only and the bucket is versioned, so history ' +
        'cannot be overwritten; Object Lock would keep objects past the one-year lifecycle expiration.',
    },
    {
      id: 'cdk-validator-cfnguard::s3_event_notifications_enabled_check',
      reason: 'Load balancer access-log bucket: nothing reacts to new log objects; they are read by analysis tools (Athena) on demand.',
    },
  ],

  /** The bucket that receives the access-log bucket's own S3 server access logs. */
  serverAccessLogTarget: [{
    id: 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check',
    reason: "Target of the access-log bucket's S3 server access logs: logging it in turn would need another bucket, and so on; " +
      'it is versioned, TLS-only, blocked from public access and expires with the logs it holds.',
  }],

  /** Without aws-cdk's serverAccessLogsUseBucketPolicy flag, server access logging is granted by ACL. */
  serverAccessLogAcl: [{
    id: 'cdk-validator-cfnguard::s3_bucket_acl_prohibited_check',
    reason: 'Target of S3 server access logs: without the @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy feature flag, aws-cdk-lib ' +
      'grants the log delivery group by ACL, which needs ObjectWriter ownership. Turn the flag on in cdk.json to use a bucket policy instead.',
  }],

  /** A UDP listener on a Network Load Balancer. */
  udpListener: ['NIST.800.53.R5-ELBv2ACMCertificateRequired', 'HIPAA.Security-ELBv2ACMCertificateRequired'].map(id => ({
    id,
    reason: 'UDP listener of a Network Load Balancer: ELB terminates TLS only on TLS listeners (TCP), so a UDP listener cannot ' +
      'carry a certificate; encrypt in the protocol itself (DTLS, QUIC) where the data needs it.',
  })),

  /** An internet-facing load balancer's listener ports. */
  internetFacingListener: [{
    id: 'AwsSolutions-EC23',
    reason: 'An internet-facing load balancer (loadBalancer.internetFacing: true) accepts its listener ports from anywhere; ' +
      'the tasks behind it accept traffic only from this security group.',
  }],
};

/**
 * The ECS infrastructure role for per-task EBS volumes. cdk-nag names each wildcard resource in its IAM5
 * finding, with the stack's Region and account as written in the template (pseudo parameters when unknown).
 * @internal
 */
export function ebsInfrastructureRoleAcknowledgements(scope: IConstruct): Array<{ id: string; reason: string }> {
  const stack = Stack.of(scope);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const arn = (account_: string, resource: string) => `arn:<AWS::Partition>:ec2:${region}:${account_}:${resource}`;
  return ['*', arn(account, 'volume/*'), arn('*', 'instance/*')].map(resource => ({
    id: `AwsSolutions-IAM5[Resource::${resource}]`,
    reason: 'ECS infrastructure role for per-task EBS volumes: volume IDs are unknown until ECS creates them, so volume ARNs are ' +
      "limited by the AmazonECSManaged and AmazonECSCreated (this cluster's tasks) tags instead; ec2:Describe* has no resource-level " +
      'permissions; Fargate hosts are AWS-owned instances (Service Authorization Reference, AmazonECSInfrastructureRolePolicyForVolumes).',
  }));
}

/**
 * The role EventBridge and Scheduler assume to start a job's runs may tag the tasks it starts (aws-cdk-lib's EcsTask
 * target grants it), whose ARNs exist only once they run. cdk-nag names the resource with the cluster as written in the
 * template; a cluster from another stack is named otherwise, and then nothing is acknowledged.
 * @internal
 */
export function jobRunRoleAcknowledgements(scope: IConstruct, clusterName: string): Array<{ id: string; reason: string }> {
  const stack = Stack.of(scope);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const resolved = stack.resolve(clusterName);
  const name = typeof resolved === 'string' ? resolved : typeof resolved?.Ref === 'string' ? `<${resolved.Ref}>` : undefined;
  if (name === undefined) return [];
  return [{
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ecs:${region}:*:task/${name}/*]`,
    reason: "The role EventBridge and Scheduler assume to start a job's runs: ecs:TagResource on the tasks it starts, whose IDs " +
      "exist only once they run, limited to the environment's cluster. RunTask and PassRole name this task definition and its two roles.",
  }];
}

/**
 * The role of a job's state machine: what aws-cdk-lib's EcsRunTask (.sync), X-Ray tracing and log delivery need,
 * where AWS offers no resource-level permissions or names resources only once they exist.
 * @internal
 */
export function stateMachineRoleAcknowledgements(scope: IConstruct, statements: any[]): Array<{ id: string; reason: string }> {
  const stack = Stack.of(scope);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  // ecs:runTask.sync may run any revision of the task definition: its family ARN with `:*`, as cdk-nag names it.
  const revisions = statements.filter(st => [st.Action].flat().includes('ecs:RunTask'))
    .flatMap(st => [st.Resource].flat()).map(nagResourceName).filter(r => r.endsWith(':*'));
  return [
    ...revisions.map(r => ({
      id: `AwsSolutions-IAM5[Resource::${r}]`,
      reason: "A job's state machine runs its task definition with ecs:runTask.sync, which aws-cdk-lib grants on the task " +
        "definition's family with any revision (':*'), so a new revision of the same task runs without a new grant.",
    })),
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: "A job's state machine: X-Ray (PutTraceSegments, PutTelemetryRecords, GetSampling*) and CloudWatch Logs delivery " +
        '(CreateLogDelivery and the rest) have no resource-level permissions (Service Authorization Reference); the task itself is ' +
        'run with RunTask on its task definition and PassRole on its two roles only.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:${region}:${account}:rule/StepFunctionsGetEventsForECSTaskRule]`,
      reason: "Step Functions' managed rule for ecs:runTask.sync: the service creates it to hear when the task stops; its name is " +
        'fixed by Step Functions, and the role may only manage that rule.',
    },
  ];
}

/** A policy resource as cdk-nag writes it in a finding's ID: `<Ref>`, `<Id.Attr>`, joins concatenated, other intrinsics as JSON. */
function nagResourceName(value: any): string {
  if (typeof value === 'string') return value;
  if (typeof value?.Ref === 'string') return `<${value.Ref}>`;
  const att = value?.['Fn::GetAtt'];
  if (Array.isArray(att)) return `<${att[0]}.${att[1]}>`;
  const join = value?.['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) return join[1].map(nagResourceName).join(join[0]);
  return JSON.stringify(value);
}

/** Applies a set of acknowledgements to a construct. @internal */
export function acknowledge(scope: IConstruct, acks: ReadonlyArray<{ id: string; reason: string }>): void {
  Validations.of(scope).acknowledge(...acks);
}

/** The parts of a `FargateKubernetesEnvironment` that carry acknowledgements. @internal */
export interface EksEnvironmentParts {
  readonly cluster: IConstruct;
  readonly clusterRole: IConstruct;
  readonly kubectlProvider?: IConstruct;
  readonly albController?: IConstruct;
  readonly podExecutionRole: IConstruct;
}

/** The AwsSolutions-IAM4 and -IAM5 IDs cdk-nag gives the AWS managed policies and wildcards of the IAM resources under a scope. */
function iamWildcardIds(scope: IConstruct): { iam4: string[]; iam5: string[] } {
  const stack = Stack.of(scope);
  const iam4 = new Set<string>();
  const iam5 = new Set<string>();
  for (const c of scope.node.findAll()) {
    if (!CfnResource.isCfnResource(c)) continue;
    const props = stack.resolve((c as any)._toCloudFormation?.())?.Resources;
    const body: any = props ? Object.values(props)[0] : undefined;
    if (c.cfnResourceType === 'AWS::IAM::Role') {
      for (const arn of body?.Properties?.ManagedPolicyArns ?? []) {
        const name = nagResourceName(arn);
        if (name.includes(':iam::aws:policy/')) iam4.add(`AwsSolutions-IAM4[Policy::${name}]`);
      }
    }
    if (c.cfnResourceType === 'AWS::IAM::Policy' || c.cfnResourceType === 'AWS::IAM::ManagedPolicy') {
      for (const st of body?.Properties?.PolicyDocument?.Statement ?? []) {
        for (const r of [st.Resource ?? []].flat()) if (nagResourceName(r).includes('*')) iam5.add(`AwsSolutions-IAM5[Resource::${nagResourceName(r)}]`);
        for (const a of [st.Action ?? []].flat()) if (typeof a === 'string' && a.includes('*')) iam5.add(`AwsSolutions-IAM5[Action::${a}]`);
      }
    }
  }
  return { iam4: [...iam4], iam5: [...iam5] };
}

/**
 * What a `FargateKubernetesEnvironment` acknowledges, each on the construct that causes it: aws-cdk-lib's kubectl provider
 * and AWS Load Balancer Controller, the AWS managed policies EKS documents for its roles, and one deprecated property.
 * @internal
 */
export function eksEnvironmentAcknowledgements(parts: EksEnvironmentParts): Array<[IConstruct, Array<{ id: string; reason: string }>]> {
  const out: Array<[IConstruct, Array<{ id: string; reason: string }>]> = [];
  const managed = (scope: IConstruct, reason: string) => iamWildcardIds(scope).iam4.map(id => ({ id, reason }));
  out.push([parts.clusterRole, managed(parts.clusterRole, 'EKS cluster role: AmazonEKSClusterPolicy is the policy EKS documents for the ' +
    'control plane and keeps current as EKS adds features; a copy would fall behind.')]);
  out.push([parts.podExecutionRole, managed(parts.podExecutionRole, 'Fargate pod execution role: AmazonEKSFargatePodExecutionRolePolicy is ' +
    'the policy EKS requires (image pulls from ECR); the role trusts EKS Fargate only for this cluster\'s profiles (aws:SourceArn).')]);
  out.push([parts.cluster, [{
    id: 'CloudFormation-Validate::W9009',
    reason: 'aws-cdk-lib writes EncryptionConfig.Resources: [secrets], which the CloudFormation schema marks deprecated and the EKS API still ' +
      'documents as the one supported value; removing it is aws-cdk-lib\'s call.',
  }]]);
  if (parts.kubectlProvider) {
    const { iam4, iam5 } = iamWildcardIds(parts.kubectlProvider);
    const provider = 'aws-cdk-lib\'s kubectl provider (a CloudFormation custom resource that applies the manifests)';
    out.push([parts.kubectlProvider, [
      ...iam4.map(id => ({ id, reason: `${provider}: the managed policies aws-cdk-lib gives its Lambda roles (logs, VPC access, image pulls).` })),
      ...iam5.map(id => ({ id, reason: `${provider}: the framework may invoke any version of its own handler function.` })),
      { id: 'AwsSolutions-L1', reason: `${provider}: aws-cdk-lib pins the runtime its handler is tested with.` },
      ...['NIST.800.53.R5', 'HIPAA.Security'].flatMap(pack => [
        { id: `${pack}-LambdaDLQ`, reason: `${provider}: invoked synchronously by CloudFormation, which receives and reports every failure.` },
        { id: `${pack}-LambdaConcurrency`, reason: `${provider}: runs only during deployments, one request per Kubernetes resource.` },
        { id: `${pack}-IAMNoInlinePolicy`, reason: `${provider}: aws-cdk-lib grants its roles through their default policies.` },
      ]),
      {
        id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
        reason: `${provider}: its framework function only invokes the handler, which runs in the cluster's private subnets.`,
      },
    ]]);
  }
  if (parts.albController) {
    const controller = 'AWS Load Balancer Controller (aws-cdk-lib\'s AlbController)';
    out.push([parts.albController, [
      ...iamWildcardIds(parts.albController).iam5.map(id => ({
        id,
        reason: `${controller}: its IAM policy as the project publishes it; load balancers, target groups and rules it creates are named ` +
          'only at run time, and the mutating actions are limited by the elbv2.k8s.aws/cluster tag.',
      })),
      ...['NIST.800.53.R5', 'HIPAA.Security'].map(pack => ({
        id: `${pack}-IAMNoInlinePolicy`, reason: `${controller}: aws-cdk-lib grants the controller's service account role through its default policy.`,
      })),
    ]]);
  }
  const stack = Stack.of(parts.cluster);
  for (const id of ['Custom::AWSCDKOpenIdConnectProviderCustomResourceProvider', 'AWSCDKCfnUtilsProviderCustomResourceProvider']) {
    const provider = stack.node.tryFindChild(id);
    if (!provider) continue;
    out.push([provider, [{
      id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
      reason: `aws-cdk-lib's ${id}: a CloudFormation custom resource that calls only the IAM API (the cluster's OIDC provider for the ` +
        'load balancer controller\'s service account) during deployments; it must work before the VPC has endpoints.',
    }]]);
  }
  return out;
}
