import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { environmentStack, IMAGE } from './fixtures';
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

  test('the ALB is internet-facing, drops invalid headers, is protected from deletion and logs to the created bucket', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Type: 'application',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('^WebAccessLogsBucket') } },
      ]),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^WebAccessLogsBucketLogs') } },
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
    expect(web.applicationLoadBalancer).toBe(web.loadBalancer);
    expect(web.accessLogsBucket).toBeDefined();
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
    expect(dns.networkLoadBalancer).toBe(dns.loadBalancer);
    expect(dns.networkTargetGroup).toBeDefined();
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
