import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ENV, environmentStack, IMAGE } from './fixtures';
import { FargateWorkload, NetworkProtocol, WorkloadLoadBalancer, WorkloadLogging, WorkloadRuntime } from '../../src';

const CERT = elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111111111111:certificate/abc');

describe('load balancing, Exec and FireLens', () => {
  // GIVEN one environment with three workloads, synthesized once
  const { stack, env } = environmentStack();
  const web = new FargateWorkload(stack, 'Web', {
    environment: env,
    image: IMAGE,
    enableExec: true,
    loadBalancer: WorkloadLoadBalancer.http({ certificate: CERT, internetFacing: true, healthCheckPath: '/health' }),
  });
  const dns = new FargateWorkload(stack, 'Dns', {
    environment: env,
    image: IMAGE,
    runtime: WorkloadRuntime.LINUX_ARM64,
    containerPort: 5353,
    loadBalancer: WorkloadLoadBalancer.network({ protocol: NetworkProtocol.UDP, port: 53, allowedClients: [ec2.Peer.ipv4('10.1.0.0/16')] }),
  });
  new FargateWorkload(stack, 'Shipper', { environment: env, image: IMAGE, logging: WorkloadLogging.fireLens() });
  const template = Template.fromStack(stack);

  test('HTTPS on 443 with the recommended TLS policy, and 80 redirected to it', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443, Protocol: 'HTTPS', SslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, Certificates: [{ CertificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/abc' }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: Match.objectLike({ Port: '443', Protocol: 'HTTPS' }) }],
    });
  });

  test('the ALB is internet-facing, drops invalid headers, is protected from deletion and logs under its path', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Type: 'application',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('^EnvAccessLogsBucket') } },
        { Key: 'access_logs.s3.prefix', Value: 'S/Web' },
      ]),
    });
    expect(web.http!.loadBalancer.node.path).toBe('S/Web/LoadBalancer');
    expect(web.accessLogsBucket).toBe(env.accessLogsBucket);
  });

  test('both load balancers share the environment\'s access-log bucket, whose policy does not grow with them', () => {
    // The access-log bucket and the bucket its own server access logs go to, once for the environment.
    template.resourceCountIs('AWS::S3::Bucket', 2);
    expect(dns.accessLogsBucket).toBe(env.accessLogsBucket);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^EnvAccessLogsBucketLogs') } },
      LifecycleConfiguration: {
        Rules: [{
          Id: 'Retention',
          Status: 'Enabled',
          ExpirationInDays: 365,
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        }],
      },
    });
    const policies = template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: Match.stringLikeRegexp('^EnvAccessLogsBucket[0-9A-F]+$') } } });
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^EnvAccessLogsBucket'), 'Arn'] }, '/*/AWSLogs/111111111111/*']] };
    expect(statements).toEqual([
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*' }),
      expect.objectContaining({ Action: 's3:PutObject', Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::156460612806:root']] } } }),
      expect.objectContaining({ Action: 's3:PutObject', Principal: { Service: 'delivery.logs.amazonaws.com' } }),
      expect.objectContaining({ Action: 's3:GetBucketAcl', Principal: { Service: 'delivery.logs.amazonaws.com' } }),
    ]);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:PutObject', Resource: objects })]) },
    });
  });

  test('the target group health-checks the path, drains in 30 s, and the tasks accept traffic only from the ALB', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080,
      Protocol: 'HTTP',
      TargetType: 'ip',
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 15,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
      Matcher: { HttpCode: '200-399' },
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]),
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 8080,
      ToPort: 8080,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebLoadBalancerSecurityGroup'), 'GroupId'] },
    });
    template.hasResourceProperties('AWS::ECS::Service', { HealthCheckGracePeriodSeconds: 60, LoadBalancers: [{ ContainerName: 'app', ContainerPort: 8080, TargetGroupArn: Match.anyValue() }] });
  });

  test('UDP through an NLB: udp port mapping, UDP listener and target group, TCP health check, clients as given', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { OperatingSystemFamily: 'LINUX', CpuArchitecture: 'ARM64' },
      ContainerDefinitions: [Match.objectLike({ PortMappings: [{ ContainerPort: 5353, Protocol: 'udp' }] })],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 53, Protocol: 'UDP' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 5353, Protocol: 'UDP', TargetType: 'ip', HealthCheckProtocol: 'TCP' });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Network Load Balancer of S/Dns',
      SecurityGroupIngress: [{ CidrIp: '10.1.0.0/16', IpProtocol: 'udp', FromPort: 53, ToPort: 53, Description: 'Clients' }],
    });
    expect(dns.network!.listener.node.path).toBe('S/Dns/LoadBalancer/Listener');
    expect(dns.network!.targetGroup.node.path).toBe('S/Dns/LoadBalancer/Listener/TargetsGroup');
    expect(dns.http).toBeUndefined();
  });

  test('Exec: the service enables it, the cluster logs sessions, and the task role has exactly the Exec permissions', () => {
    template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: true, ServiceName: Match.absent() });
    template.hasResourceProperties('AWS::ECS::Cluster', { Configuration: Match.objectLike({ ExecuteCommandConfiguration: Match.objectLike({ Logging: 'OVERRIDE' }) }) });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^WebTaskRole') }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'], Resource: '*' }),
          Match.objectLike({ Action: 'logs:DescribeLogGroups', Resource: '*' }),
          Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EnvExecSessions'), 'Arn'] } }),
          Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EnvKey'), 'Arn'] } }),
        ],
      },
    });
  });

  test('FireLens: the app logs through the router to the log group; the router logs with awslogs', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Name: 'app',
          LogConfiguration: { LogDriver: 'awsfirelens', Options: Match.objectLike({ Name: 'cloudwatch_logs', region: 'eu-west-1', auto_create_group: 'false' }) },
        }),
        Match.objectLike({
          Name: 'log-router',
          Image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
          FirelensConfiguration: { Type: 'fluentbit' },
          LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
        }),
      ],
    });
  });
});

describe('internal load balancers', () => {
  test('an internal ALB without a certificate listens on 80 to the VPC CIDR only', () => {
    const { stack, env } = environmentStack();
    new FargateWorkload(stack, 'Int', { environment: env, image: IMAGE, containerPort: 80, loadBalancer: WorkloadLoadBalancer.http() });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP', DefaultActions: [Match.objectLike({ Type: 'forward' })] });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [{ CidrIp: '10.0.0.0/16', IpProtocol: 'tcp', FromPort: 80, ToPort: 80, Description: 'Clients' }],
    });
  });

  test('a TCP NLB defaults its port to the container port', () => {
    const { stack, env } = environmentStack();
    new FargateWorkload(stack, 'Tcp', { environment: env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.network({ accessLogs: false }) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 8080, Protocol: 'TCP' });
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { ContainerDefinitions: [Match.objectLike({ PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }] })] });
  });

  test('an image from ECR gets pull permissions in the execution role\'s managed policy', () => {
    const { stack, env } = environmentStack();
    const repo = new ecr.Repository(stack, 'Repo');
    new FargateWorkload(stack, 'W', { environment: env, image: ecs.ContainerImage.fromEcrRepository(repo, '1.0') });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^WExecutionRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ecr:GetAuthorizationToken' })]) },
    });
  });
});

describe('access logs', () => {
  test('workloads in other stacks log to the environment\'s bucket, and only the workload stacks depend on the environment', () => {
    const { app, stack, env } = environmentStack('Env');
    const other = new Stack(app, 'Apps', { env: ENV });
    const a = new FargateWorkload(other, 'A', { environment: env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.http() });
    new FargateWorkload(other, 'B', { environment: env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.http() });
    const apps = Template.fromStack(other);
    apps.resourceCountIs('AWS::S3::Bucket', 0);
    apps.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'access_logs.s3.bucket', Value: { 'Fn::ImportValue': Match.stringLikeRegexp('EnvAccessLogsBucket') } },
        { Key: 'access_logs.s3.prefix', Value: 'Apps/A' },
      ]),
    });
    Template.fromStack(stack).resourceCountIs('AWS::S3::Bucket', 2);
    expect(other.dependencies).toEqual([stack]);
    expect(stack.dependencies).toEqual([]);
    expect(a.accessLogsBucket).toBe(env.accessLogsBucket);
  });

  test('a bucket of the user\'s gets the grants for this load balancer, under the workload\'s path', () => {
    const { stack, env } = environmentStack();
    const mine = new s3.Bucket(stack, 'Mine', { encryption: s3.BucketEncryption.S3_MANAGED });
    const w = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.http({ accessLogsBucket: mine }) });
    const template = Template.fromStack(stack);
    expect(env.accessLogsBucket).toBeUndefined();
    expect(w.accessLogsBucket).toBe(mine);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^Mine') },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Resource: { 'Fn::Join': ['', [Match.anyValue(), '/S/W/AWSLogs/111111111111/*']] } })]) },
    });
  });

  test('a workload path containing AWSLogs is refused, since ELB refuses such a prefix', () => {
    const { stack, env } = environmentStack();
    expect(() => new FargateWorkload(stack, 'AWSLogsShipper', { environment: env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.http() }))
      .toThrow(/S\/AWSLogsShipper: the access-log prefix 'S\/AWSLogsShipper' .* contains 'AWSLogs'.*Fix: rename the construct, or set `accessLogs: false`/);
  });
});
