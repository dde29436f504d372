import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { EnvironmentPurpose, FargateKubernetesEnvironment, FargatePlatformChecks, TaskSize } from '../../src';

function newEnvironment(props: Partial<ConstructorParameters<typeof FargateKubernetesEnvironment>[2]> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
  const kubectlLayer = lambda.LayerVersion.fromLayerVersionArn(stack, 'Kubectl', 'arn:aws:lambda:eu-west-1:111111111111:layer:kubectl:1');
  const env = new FargateKubernetesEnvironment(stack, 'Eks', { version: eks.KubernetesVersion.V1_34, kubectlLayer, ...props });
  return { app, stack, env };
}

describe('FargateKubernetesEnvironment: the defaults', () => {
  // One environment with a profile and a Deployment, synthesized once for the assertions below.
  const { app, stack, env } = newEnvironment();
  env.addFargateProfile('Web', { selectors: [{ namespace: 'web' }] });
  const site = env.addDeployment('Site', { namespace: 'web', image: 'nginx', containerPort: 8080, size: TaskSize.of(1024, 3072), replicas: 3 });
  const api = env.addDeployment('Api', { namespace: 'api', image: 'api', labels: { tier: 'backend' } });
  Aspects.of(app).add(new FargatePlatformChecks());
  const template = Template.fromStack(stack);

  test('a private, encrypted, logged cluster with Fargate capacity only', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: { EndpointPrivateAccess: true, EndpointPublicAccess: false, SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('EksVpcTasksSubnet') }]) },
      EncryptionConfig: [{ Provider: { KeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('EksKey'), 'Arn'] } }, Resources: ['secrets'] }],
      Logging: { ClusterLogging: { EnabledTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'].map(type => ({ Type: type })) } },
      ComputeConfig: { Enabled: false }, // no Auto Mode
      BootstrapSelfManagedAddons: false,
    });
    template.resourceCountIs('AWS::EKS::Nodegroup', 0);
    template.hasResourceProperties('AWS::EC2::VPC', { EnableDnsHostnames: true, EnableDnsSupport: true });
  });

  test('one pod execution role: the managed policy, the SourceArn condition, log shipping', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Principal: { Service: 'eks-fargate-pods.amazonaws.com' },
          Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':eks:eu-west-1:111111111111:fargateprofile/', { Ref: Match.stringLikeRegexp('EksCluster') }, '/*']] } } },
        }],
      },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy']] }],
    });
    const roles = new Set(Object.values(template.findResources('AWS::EKS::FargateProfile')).map((p: any) => JSON.stringify(p.Properties.PodExecutionRoleArn)));
    expect(roles.size).toBe(1);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] })]) },
      Roles: [{ Ref: Match.stringLikeRegexp('EksPodExecutionRole') }],
    });
  });

  test('profiles in a chain: kube-system, the added one, and one made for a namespace no profile selected', () => {
    const profiles = template.findResources('AWS::EKS::FargateProfile');
    const ids = Object.keys(profiles);
    expect(ids.map(id => profiles[id].Properties.Selectors[0].Namespace)).toEqual(['kube-system', 'web', 'api']);
    expect(profiles[ids[1]].DependsOn).toContain(ids[0]);
    expect(profiles[ids[2]].DependsOn).toContain(ids[1]);
    expect(site.profile).toBeUndefined();
    expect(api.profile).toBe(env.profiles[2]);
    expect(env.systemProfile).toBe(env.profiles[0]);
  });

  test('the CoreDNS add-on runs on Fargate once the kube-system profile exists', () => {
    template.hasResource('AWS::EKS::Addon', {
      Properties: { AddonName: 'coredns', ConfigurationValues: '{"computeType":"Fargate"}' },
      DependsOn: Match.arrayWith([stack.getLogicalId(env.systemProfile.node.defaultChild as any)]),
    });
  });

  test('logging: the labelled namespace and a ConfigMap to an encrypted log group kept a year', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('EksKey'), 'Arn'] } });
    const manifest = JSON.stringify(stack.resolve((env.loggingManifest.node.defaultChild as any)._cfnProperties.Manifest));
    expect(manifest).toMatch(/aws-observability\\":\\"enabled/);
    expect(manifest).toMatch(/Name cloudwatch_logs/);
  });

  test('a Deployment sized with nothing wasted: requests equal limits, billed at the size asked for', () => {
    expect(site.podSize.toString()).toBe('1 vCPU / 3 GB');
    expect(site.podSize.unusedMemoryMiB).toBe(0);
    const manifest = JSON.parse(stack.resolve((site.manifest.node.defaultChild as any)._cfnProperties.Manifest));
    const container = manifest[0].spec.template.spec.containers[0];
    expect(container.resources).toEqual({ requests: { cpu: '1000m', memory: '2816Mi' }, limits: { cpu: '1000m', memory: '2816Mi' } });
    expect(manifest[0].spec.replicas).toBe(3);
    expect(manifest.map((o: any) => o.kind)).toEqual(['Deployment', 'Service']);
    expect(api.podSize.toString()).toBe('0.25 vCPU / 0.5 GB');
  });

  test('the checks find nothing: the environment passes its own rules', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('Fargate-'))).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('Fargate-'))).toEqual([]);
  });

  test('every created resource is public', () => {
    const created = [
      env.vpc, env.flowLog, env.key, env.cluster, env.podExecutionRole, env.coreDns, env.logGroup, env.loggingManifest, env.kubectlSecurityGroup,
    ];
    expect(created.every(r => r !== undefined)).toBe(true);
    expect(env.purpose).toBe(EnvironmentPurpose.PRODUCTION);
  });
});

describe('FargateKubernetesEnvironment: the construct runs the rules', () => {
  test('a DaemonSet in a namespace a profile selects fails synthesis, without the aspect', () => {
    const { app, env } = newEnvironment();
    env.addFargateProfile('Web', { selectors: [{ namespace: 'web' }] });
    env.cluster.addManifest('Agent', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'web' },
      spec: { template: { spec: { containers: [{ name: 'agent', image: 'x' }] } } },
    });
    expect(() => app.synth()).toThrow(/\[Fargate-EK7\].*DaemonSet web\/agent runs on Fargate/);
  });

  test('a label over the schema limit fails synthesis', () => {
    const { app, env } = newEnvironment();
    env.addFargateProfile('Web', { selectors: [{ namespace: 'web', labels: { ['k'.repeat(128)]: 'v' } }] });
    expect(() => app.synth()).toThrow(/\[Fargate-EK4\].*label key is 128 characters long/);
  });

  test('clear errors at construction', () => {
    const { env } = newEnvironment();
    expect(() => env.addFargateProfile('None', { selectors: [] })).toThrow(/Fargate profile 'None' has no selectors/);
    expect(() => env.addDeployment('Web', { image: 'x', internalLoadBalancer: true }))
      .toThrow(/`internalLoadBalancer` is true and `containerPort` is not set/);
    expect(() => env.addDeployment('Lb', { image: 'x', containerPort: 80, internalLoadBalancer: true }))
      .toThrow(/needs the AWS Load Balancer Controller, and Stack\/Eks does not install it. Fix: set `albController`/);
    expect(() => env.addDeployment('Bad_Name', { image: 'x' })).toThrow(/`name` is 'bad_name', which is not a Kubernetes name/);
    expect(() => env.addDeployment('Huge', { image: 'x', size: TaskSize.of(32768, 61440) })).toThrow(/EKS runs pods of at most 16 vCPU and 120 GB/);
  });

  test('a given VPC without private subnets is refused', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Public', { subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PUBLIC }] });
    const kubectlLayer = lambda.LayerVersion.fromLayerVersionArn(stack, 'K', 'arn:aws:lambda:eu-west-1:111111111111:layer:kubectl:1');
    expect(() => new FargateKubernetesEnvironment(stack, 'Eks', { version: eks.KubernetesVersion.V1_34, kubectlLayer, vpc }))
      .toThrow(/`podSubnets` selects no subnet of the VPC S\/Public/);
  });

  test('a throwaway environment: a week of logs, destroyed with the stack', () => {
    const { stack } = newEnvironment({ purpose: EnvironmentPurpose.THROWAWAY });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 7 }, DeletionPolicy: 'Delete' });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });
});
