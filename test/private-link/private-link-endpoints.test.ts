import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { EnvironmentEgress, FargateEndpoint, FargateEnvironment, FargateWorkload, PrivateLinkEndpoints } from '../../src';

const ENV = { account: '111111111111', region: 'eu-west-1' };
const PUBLIC_IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

/** The interface endpoints' service-name suffixes, and the gateway endpoints', in a template. */
function endpoints(template: Template): { interfaces: string[]; gateways: string[] } {
  const all = Object.values(template.findResources('AWS::EC2::VPCEndpoint')) as any[];
  const name = (e: any) => {
    const n = e.Properties.ServiceName;
    return typeof n === 'string' ? n.replace('com.amazonaws.eu-west-1.', '') : JSON.stringify(n).includes('.s3') ? 's3' : JSON.stringify(n);
  };
  return {
    interfaces: all.filter(e => e.Properties.VpcEndpointType === 'Interface').map(name).sort(),
    gateways: all.filter(e => e.Properties.VpcEndpointType !== 'Interface').map(name).sort(),
  };
}

describe('an isolated environment with five workloads', () => {
  // GIVEN five workloads that between them use an ECR asset image, awslogs, a Secrets Manager secret,
  // an SSM parameter and ECS Exec
  const stack = new Stack(new App(), 'S', { env: ENV });
  const env = new FargateEnvironment(stack, 'Env', { egress: EnvironmentEgress.ISOLATED });
  const secret = new secretsmanager.Secret(stack, 'Secret');
  const parameter = new ssm.StringParameter(stack, 'Param', { stringValue: 'v' });
  const asset = ecs.ContainerImage.fromAsset(path.join(__dirname, '..', 'setup', 'fixtures', 'image'));
  const workloads = [
    new FargateWorkload(stack, 'FromEcr', { environment: env, image: asset }),
    new FargateWorkload(stack, 'Plain', { environment: env, image: PUBLIC_IMAGE }),
    new FargateWorkload(stack, 'WithSecret', { environment: env, image: PUBLIC_IMAGE, secrets: { A: ecs.Secret.fromSecretsManager(secret) } }),
    new FargateWorkload(stack, 'WithParam', { environment: env, image: PUBLIC_IMAGE, secrets: { B: ecs.Secret.fromSsmParameter(parameter) } }),
    new FargateWorkload(stack, 'WithExec', { environment: env, image: PUBLIC_IMAGE, enableExec: true }),
  ];
  const beforeSixth = [...env.privateLink!.endpoints];
  // WHEN a sixth workload needs nothing new
  new FargateWorkload(stack, 'Sixth', { environment: env, image: asset, secrets: { C: ecs.Secret.fromSecretsManager(secret) } });
  const before = Template.fromStack(stack);

  test('creates each needed endpoint exactly once: ECR API and Docker, logs, Secrets Manager, SSM, SSM messages and the S3 gateway', () => {
    expect(endpoints(before)).toEqual({
      interfaces: ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm', 'ssmmessages'],
      gateways: ['s3'],
    });
    expect(env.privateLink!.endpoints.sort()).toEqual([
      FargateEndpoint.ECR_API, FargateEndpoint.ECR_DKR, FargateEndpoint.LOGS, FargateEndpoint.S3,
      FargateEndpoint.SECRETS_MANAGER, FargateEndpoint.SSM, FargateEndpoint.SSM_MESSAGES,
    ].sort());
  });

  test('a sixth workload that needs nothing new adds no endpoint', () => {
    expect(env.privateLink!.endpoints).toEqual(beforeSixth);
    before.resourceCountIs('AWS::EC2::VPCEndpoint', 7);
  });

  test('interface endpoints have private DNS, sit in the task subnets, and accept 443 from the endpoint clients only', () => {
    for (const e of Object.values(before.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } })) as any[]) {
      expect(e.Properties.PrivateDnsEnabled).toBe(true);
      expect(e.Properties.SubnetIds).toHaveLength(2);
    }
    const endpointSg = Object.entries(before.findResources('AWS::EC2::SecurityGroup'))
      .find(([, r]: any) => String(r.Properties.GroupDescription).startsWith('Interface VPC endpoints'))!;
    expect((endpointSg[1] as any).Properties.SecurityGroupIngress).toBeUndefined();
    // allowAllOutbound: false renders aws-cdk-lib's "no traffic" egress placeholder.
    expect((endpointSg[1] as any).Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]);
    const ingress = Object.values(before.findResources('AWS::EC2::SecurityGroupIngress'))
      .map((r: any) => r.Properties).filter(p => JSON.stringify(p.GroupId).includes(endpointSg[0]));
    expect(ingress).toEqual([{
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      Description: 'HTTPS from endpoint clients',
      GroupId: { 'Fn::GetAtt': [endpointSg[0], 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^EnvVpcEndpointsClientSecurityGroup/), 'GroupId'] },
    }]);
    // No ingress rule anywhere is open to 0.0.0.0/0 or the VPC CIDR.
    const inline = Object.values(before.findResources('AWS::EC2::SecurityGroup')).flatMap((r: any) => r.Properties.SecurityGroupIngress ?? []);
    const separate = Object.values(before.findResources('AWS::EC2::SecurityGroupIngress')).map((r: any) => r.Properties);
    expect([...inline, ...separate].filter(r => r.CidrIp !== undefined)).toEqual([]);
  });

  test('every workload\'s tasks carry the endpoint clients group', () => {
    for (const w of workloads) {
      const sgs = Stack.of(w).resolve((w.service.node.defaultChild as ecs.CfnService).networkConfiguration);
      expect(JSON.stringify(sgs)).toContain('EnvVpcEndpointsClientSecurityGroup');
    }
  });
});

describe('PrivateLinkEndpoints on its own', () => {
  test('public images and awslogs need only logs', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const env = new FargateEnvironment(stack, 'Env', { egress: EnvironmentEgress.ISOLATED });
    new FargateWorkload(stack, 'A', { environment: env, image: PUBLIC_IMAGE });
    new FargateWorkload(stack, 'B', { environment: env, image: PUBLIC_IMAGE });
    expect(endpoints(Template.fromStack(stack))).toEqual({ interfaces: ['logs'], gateways: [] });
  });

  test('a NAT environment creates none unless asked', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const env = new FargateEnvironment(stack, 'Env');
    new FargateWorkload(stack, 'A', { environment: env, image: PUBLIC_IMAGE });
    expect(env.privateLink).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPCEndpoint', 0);

    const stack2 = new Stack(new App(), 'S2', { env: ENV });
    const env2 = new FargateEnvironment(stack2, 'Env', { privateLinkEndpoints: true });
    new FargateWorkload(stack2, 'A', { environment: env2, image: PUBLIC_IMAGE });
    expect(endpoints(Template.fromStack(stack2)).interfaces).toEqual(['logs']);
  });

  test('of() returns one shared set per VPC; a second constructor is refused', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'I', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const a = PrivateLinkEndpoints.of(stack, vpc);
    expect(PrivateLinkEndpoints.of(stack, vpc)).toBe(a);
    expect(a.add(FargateEndpoint.KMS)).toBe(a.add(FargateEndpoint.KMS));
    expect(a.endpoint(FargateEndpoint.KMS)).toBeDefined();
    expect(a.endpoint(FargateEndpoint.LOGS)).toBeUndefined();
    expect(() => new PrivateLinkEndpoints(stack, 'Again', { vpc })).toThrow(/already has a PrivateLinkEndpoints set \(S\/VpcEndpoints\).*PrivateLinkEndpoints\.of/);
    expect(endpoints(Template.fromStack(stack)).interfaces).toEqual(['kms']);
  });

  test('restrictS3ToEcr limits the gateway to the ECR layer bucket and named buckets', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'I', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    PrivateLinkEndpoints.of(stack, vpc, { restrictS3ToEcr: true, allowedS3Buckets: ['my-config'] }).add(FargateEndpoint.S3);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      PolicyDocument: {
        Statement: [{
          Action: 's3:GetObject',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Resource: [
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::prod-eu-west-1-starport-layer-bucket/*']] },
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::my-config/*']] },
          ],
        }],
      },
    });
  });
});
