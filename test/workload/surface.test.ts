import { App, Aspects, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ENV, environmentStack, IMAGE } from './fixtures';
import {
  EfsVolume, EnvironmentPurpose, FargateEnvironment, FargatePlatformChecks, FargateWorkload, WorkloadLoadBalancer,
} from '../../src';

describe('what an aws-ecs-patterns user reaches for: listener, domain, connections, grants', () => {
  // GIVEN one environment with a web workload under a domain, a database and a bucket, synthesized once
  const { stack, env } = environmentStack();
  const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
  const web = new FargateWorkload(stack, 'Web', {
    environment: env,
    image: IMAGE,
    loadBalancer: WorkloadLoadBalancer.http({ internetFacing: true, domainName: 'api.example.com', domainZone: zone }),
  });
  const db = new rds.DatabaseInstance(stack, 'Db', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc: env.vpc,
    vpcSubnets: env.taskSubnets,
  });
  db.connections.allowDefaultPortFrom(web);
  const bucket = new s3.Bucket(stack, 'Uploads');
  bucket.grantRead(web);
  const template = Template.fromStack(stack);

  test('the listener and the redirect listener are properties, HTTPS with a DNS-validated certificate for the domain', () => {
    const http = web.http!;
    expect([http.listener.node.path, http.redirectListener!.node.path, http.targetGroup.node.path]).toEqual([
      'S/Web/LoadBalancer/Listener', 'S/Web/LoadBalancer/Redirect80To443', 'S/Web/LoadBalancer/Listener/TargetsGroup',
    ]);
    expect(http.url).toBe('https://api.example.com');
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'api.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'api.example.com', HostedZoneId: { Ref: Match.stringLikeRegexp('^Zone') } }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: { Ref: Match.stringLikeRegexp('^WebCertificate') } }],
    });
  });

  test('an alias record points the domain at the load balancer', () => {
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'api.example.com.',
      Type: 'A',
      HostedZoneId: { Ref: Match.stringLikeRegexp('^Zone') },
      AliasTarget: Match.objectLike({ DNSName: Match.objectLike({ 'Fn::Join': Match.anyValue() }) }),
    });
    expect(web.http!.aliasRecord!.node.path).toBe('S/Web/AliasRecord');
  });

  test('db.connections.allowDefaultPortFrom(workload) admits the tasks\' security group, and only it', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Db'), 'Endpoint.Port'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebSecurityGroup'), 'GroupId'] },
    });
    expect(web.connections.securityGroups).toEqual([web.securityGroup]);
    expect(web.connections.defaultPort?.toString()).toBe('8080');
  });

  test('bucket.grantRead(workload) grants the task role', () => {
    expect(web.grantPrincipal).toBe(web.taskDefinition.taskRole);
    const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^WebTaskRole') }] } });
    const actions = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement).flatMap((st: any) => [st.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:GetBucket*', 's3:List*']));
  });

  test('a domain name needs its zone, and a zone its name', () => {
    const other = environmentStack('Other');
    const z = new route53.PublicHostedZone(other.stack, 'Zone', { zoneName: 'example.com' });
    expect(() => new FargateWorkload(other.stack, 'NoZone', {
      environment: other.env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.http({ domainName: 'a.example.com' }),
    })).toThrow(/Other\/NoZone: property `loadBalancer.domainName` is set but `loadBalancer.domainZone` is not/);
    expect(() => new FargateWorkload(other.stack, 'NoName', {
      environment: other.env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.http({ domainZone: z }),
    })).toThrow(/property `loadBalancer.domainZone` is set but `loadBalancer.domainName` is not/);
  });
});

/** Every workload feature that creates something stateful, in an environment of the given purpose. */
function everything(purpose: EnvironmentPurpose): { stack: Stack; env: FargateEnvironment; template: Template } {
  const app = new App();
  const stack = new Stack(app, 'S', { env: ENV });
  const env = new FargateEnvironment(stack, 'Env', { purpose });
  const web = new FargateWorkload(stack, 'Web', {
    environment: env,
    image: IMAGE,
    enableExec: true,
    loadBalancer: WorkloadLoadBalancer.http({ internetFacing: true, certificate: elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111111111111:certificate/abc') }),
  });
  new FargateWorkload(stack, 'Udp', { environment: env, image: IMAGE, containerPort: 53, loadBalancer: WorkloadLoadBalancer.network() });
  web.addVolume(new EfsVolume(stack, 'Data', { environment: env }), { containerPath: '/data' });
  Aspects.of(app).add(new FargatePlatformChecks());
  return { stack, env, template: Template.fromStack(stack) };
}

describe('EnvironmentPurpose', () => {
  const throwaway = everything(EnvironmentPurpose.THROWAWAY);
  const production = everything(EnvironmentPurpose.PRODUCTION);

  test('THROWAWAY: cdk destroy removes everything: no resource is retained or snapshotted, no load balancer is protected', () => {
    const kept = Object.entries(throwaway.template.toJSON().Resources as Record<string, any>)
      .filter(([, r]) => (r.DeletionPolicy ?? 'Delete') !== 'Delete' || (r.UpdateReplacePolicy ?? 'Delete') !== 'Delete')
      .map(([id, r]) => `${id} (${r.Type})`);
    expect(kept).toEqual([]);
    const lbs = throwaway.template.findResources('AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(Object.keys(lbs)).toHaveLength(2);
    for (const lb of Object.values(lbs) as any[]) {
      expect(lb.Properties.LoadBalancerAttributes).toContainEqual({ Key: 'deletion_protection.enabled', Value: 'false' });
    }
    // Buckets are emptied before they are deleted.
    throwaway.template.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    throwaway.template.hasResourceProperties('AWS::KMS::Key', { PendingWindowInDays: 7 });
  });

  test('THROWAWAY: one NAT gateway, no web ACL, Container Insights enabled, logs kept a week; the checks find no error', () => {
    throwaway.template.resourceCountIs('AWS::EC2::NatGateway', 1);
    throwaway.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    throwaway.template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
    const retention = Object.values(throwaway.template.findResources('AWS::Logs::LogGroup')).map((g: any) => g.Properties.RetentionInDays);
    expect(retention.length).toBeGreaterThan(2);
    expect(new Set(retention)).toEqual(new Set([7]));
    expect(throwaway.env.removalPolicy).toBe(RemovalPolicy.DESTROY);
    Annotations.fromStack(throwaway.stack).hasNoError('*', Match.anyValue());
  });

  test('PRODUCTION (the default): the key, log groups, buckets and file system are retained, load balancers protected', () => {
    const retainedTypes = new Set(Object.values(production.template.toJSON().Resources as Record<string, any>)
      .filter(r => r.DeletionPolicy === 'Retain').map(r => r.Type));
    expect(retainedTypes).toEqual(new Set(['AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::S3::Bucket', 'AWS::EFS::FileSystem']));
    for (const lb of Object.values(production.template.findResources('AWS::ElasticLoadBalancingV2::LoadBalancer')) as any[]) {
      expect(lb.Properties.LoadBalancerAttributes).toContainEqual({ Key: 'deletion_protection.enabled', Value: 'true' });
    }
    production.template.resourceCountIs('AWS::EC2::NatGateway', 2);
    production.template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    production.template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    production.template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enhanced' }] });
    expect(new FargateEnvironment(new Stack(), 'E').purpose).toBe(EnvironmentPurpose.PRODUCTION);
  });

  test('a prop given explicitly wins over the purpose', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const env = new FargateEnvironment(stack, 'Env', { purpose: EnvironmentPurpose.THROWAWAY, natGateways: 2, containerInsights: ecs.ContainerInsights.ENHANCED });
    new FargateWorkload(stack, 'Web', { environment: env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.http({ deletionProtection: true, webApplicationFirewall: true }) });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::EC2::NatGateway', 2);
    t.resourceCountIs('AWS::WAFv2::WebACL', 1);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'true' }]),
    });
  });
});
