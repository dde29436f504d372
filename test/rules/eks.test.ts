import { App, Aspects, CfnParameter, CfnResource, Fn, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eksv1 from 'aws-cdk-lib/aws-eks';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { check, newStack, Seen } from './harness';
import { FargatePlatformChecks } from '../../src';

const POD_POLICY = 'arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy';
const TRUST = {
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Principal: { Service: 'eks-fargate-pods.amazonaws.com' },
    Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:eks:eu-west-1:111111111111:fargateprofile/c/*' } },
  }],
};

/** An L1 Fargate-only cluster: a cluster, a pod execution role and the given profiles, in a VPC with public and private subnets. */
class L1Cluster {
  public readonly vpc: ec2.Vpc;
  public readonly cluster: eks.CfnCluster;
  public readonly role: iam.CfnRole;
  private n = 0;

  constructor(public readonly stack: Stack, id = 'C', roleProps: Partial<iam.CfnRoleProps> = {}) {
    this.vpc = new ec2.Vpc(stack, `${id}Vpc`, { maxAzs: 2, natGateways: 1 });
    this.cluster = new eks.CfnCluster(stack, id, {
      roleArn: 'arn:aws:iam::111111111111:role/cluster',
      resourcesVpcConfig: { subnetIds: this.vpc.privateSubnets.map(s => s.subnetId) },
    });
    this.role = new iam.CfnRole(stack, `${id}PodRole`, { assumeRolePolicyDocument: TRUST, managedPolicyArns: [POD_POLICY], ...roleProps });
  }

  /** A profile; each depends on the one before unless `parallel`. */
  public profile(
    selectors: eks.CfnFargateProfile.SelectorProperty[], props: Partial<eks.CfnFargateProfileProps> & { parallel?: boolean } = {},
  ): eks.CfnFargateProfile {
    const { parallel, ...rest } = props;
    const previous = this.stack.node.tryFindChild(`${this.cluster.node.id}Profile${this.n - 1}`) as eks.CfnFargateProfile | undefined;
    const profile = new eks.CfnFargateProfile(this.stack, `${this.cluster.node.id}Profile${this.n++}`, {
      clusterName: this.cluster.ref,
      podExecutionRoleArn: this.role.attrArn,
      subnets: this.vpc.privateSubnets.map(s => s.subnetId),
      selectors,
      ...rest,
    });
    if (previous && !parallel) profile.addResourceDependency(previous);
    return profile;
  }

  /** A kubectl-applied manifest of this cluster, as aws-eks-v2 writes it. */
  public manifest(id: string, ...objects: any[]): CfnResource {
    return new CfnResource(this.stack, id, {
      type: 'Custom::AWSCDK-EKS-KubernetesResource',
      properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:kubectl', ClusterName: this.cluster.ref, Manifest: JSON.stringify(objects) },
    });
  }

  /** The CoreDNS add-on set to run on Fargate, and a kube-system profile: what a Fargate-only cluster needs. */
  public withCoreDns(): this {
    this.profile([{ namespace: 'kube-system' }]);
    new eks.CfnAddon(this.stack, `${this.cluster.node.id}CoreDns`, { clusterName: this.cluster.ref, addonName: 'coredns', configurationValues: '{"computeType":"Fargate"}' });
    return this;
  }
}

function deployment(namespace: string, podSpec: Record<string, any>, labels: Record<string, any> = { app: 'web' }, kind = 'Deployment'): any {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'web', namespace },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...podSpec } } },
  };
}

function of(seen: Seen[], id: string): Seen[] {
  return seen.filter(s => s.id === id);
}

describe('Fargate-EK1: profile subnets are private', () => {
  test('a subnet that routes to an internet gateway is an error, whatever it is called; private subnets pass', () => {
    const c = new L1Cluster(newStack()).withCoreDns();
    c.profile([{ namespace: 'web' }], { subnets: [c.vpc.publicSubnets[0].subnetId, c.vpc.privateSubnets[0].subnetId] });
    const found = of(check(c.stack), 'Fargate-EK1');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'error', property: 'Subnets[0]', path: 'Stack/CProfile1' });
    expect(found[0].message).toMatch(/subnet CVpcPublicSubnet1Subnet\w+ routes to an internet gateway \(route CVpcPublicSubnet1DefaultRoute\w+\)/);
  });

  test('literal subnet IDs and subnets from parameters cannot be judged: no finding', () => {
    const c = new L1Cluster(newStack()).withCoreDns();
    c.profile([{ namespace: 'web' }], { subnets: ['subnet-0abc', new CfnParameter(c.stack, 'Subnet').valueAsString] });
    expect(of(check(c.stack), 'Fargate-EK1')).toEqual([]);
  });
});

describe('Fargate-EK2: profiles of one cluster in a chain', () => {
  test('two profiles of one cluster with no dependency between them: an error on the later one, naming the other', () => {
    const c = new L1Cluster(newStack()).withCoreDns();
    c.profile([{ namespace: 'a' }]);
    c.profile([{ namespace: 'b' }], { parallel: true });
    const found = of(check(c.stack), 'Fargate-EK2');
    // Profile 2 is ordered against neither the kube-system profile (0) nor profile 1: one finding per pair.
    expect(found.map(f => f.path)).toEqual(['Stack/CProfile2', 'Stack/CProfile2']);
    expect(found[1].message).toMatch(/no dependency orders this profile and profile Stack\/CProfile1 of the same cluster/);
  });

  test('a transitive chain passes, and so do profiles of two clusters', () => {
    const stack = newStack();
    const one = new L1Cluster(stack, 'One').withCoreDns();
    one.profile([{ namespace: 'a' }]);
    one.profile([{ namespace: 'b' }]);
    const two = new L1Cluster(stack, 'Two').withCoreDns();
    expect(two).toBeDefined();
    expect(of(check(stack), 'Fargate-EK2')).toEqual([]);
  });

  test('aws-eks-v2 chains its profiles; profiles named by a literal cluster name are matched to the cluster', () => {
    const stack = newStack();
    const cluster = new eks.Cluster(stack, 'V2', { version: eks.KubernetesVersion.V1_34, defaultCapacity: 0, defaultCapacityType: eks.DefaultCapacityType.NODEGROUP });
    cluster.addFargateProfile('A', { selectors: [{ namespace: 'a' }] });
    cluster.addFargateProfile('B', { selectors: [{ namespace: 'b' }] });
    new eks.CfnFargateProfile(stack, 'ByName', { clusterName: 'named', podExecutionRoleArn: 'arn:aws:iam::111111111111:role/r', selectors: [{ namespace: 'x' }] });
    new eks.CfnFargateProfile(stack, 'ByNameToo', { clusterName: 'named', podExecutionRoleArn: 'arn:aws:iam::111111111111:role/r', selectors: [{ namespace: 'y' }] });
    const found = of(check(stack), 'Fargate-EK2');
    expect(found.map(f => f.path)).toEqual(['Stack/ByNameToo']);
  });

  test('in a nested Stage, the aspect reports it and fails the app', () => {
    const app = new App();
    const stage = new Stage(app, 'Prod');
    const c = new L1Cluster(new Stack(stage, 'Eks', { env: { account: '111111111111', region: 'eu-west-1' } })).withCoreDns();
    c.profile([{ namespace: 'b' }], { parallel: true });
    Aspects.of(app).add(new FargatePlatformChecks());
    expect(() => app.synth()).toThrow(/Fargate-EK2.*in a stack of a nested Stage/s);
  });
});

describe('Fargate-EK3 (quotas, warning) and Fargate-EK4 (label lengths, error)', () => {
  test('6 selectors, 6 labels and an 11th profile are warnings; a 128-character key and an empty value are errors', () => {
    const c = new L1Cluster(newStack()).withCoreDns();
    const labels = Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    c.profile(Array.from({ length: 6 }, (_, i) => ({ namespace: `ns${i}` })));
    c.profile([{ namespace: 'l', labels }]);
    c.profile([{ namespace: 'long', labels: [{ key: 'k'.repeat(128), value: 'v' }, { key: 'ok', value: '' }] }]);
    for (let i = 0; i < 7; i++) c.profile([{ namespace: `p${i}` }]);
    const seen = check(c.stack);
    expect(of(seen, 'Fargate-EK3').map(f => [f.level, f.path, f.property])).toEqual([
      ['warning', 'Stack/CProfile1', 'Selectors'],
      ['warning', 'Stack/CProfile2', 'Selectors[0].Labels'],
      ['warning', 'Stack/CProfile10', 'ClusterName'],
    ]);
    expect(of(seen, 'Fargate-EK4').map(f => [f.level, f.property])).toEqual([['error', 'Selectors[0].Labels[0]'], ['error', 'Selectors[0].Labels[1]']]);
    expect(of(seen, 'Fargate-EK4')[0].message).toMatch(/the label key is 128 characters long.*Allowed: a label key of 1–127 characters/);
  });

  test('5 selectors of 5 labels each pass', () => {
    const c = new L1Cluster(newStack()).withCoreDns();
    const labels = Array.from({ length: 5 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    c.profile(Array.from({ length: 5 }, (_, i) => ({ namespace: `ns${i}`, labels })));
    expect(check(c.stack).filter(s => /EK[34]/.test(s.id))).toEqual([]);
  });
});

describe('Fargate-EK5 and Fargate-EK6: the pod execution role', () => {
  test('wrong principal, a path and no image pulls are errors', () => {
    const c = new L1Cluster(newStack(), 'C', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs-tasks.amazonaws.com' } }] },
      path: '/eks/',
      managedPolicyArns: [],
    }).withCoreDns();
    const found = of(check(c.stack), 'Fargate-EK5');
    expect(found.map(f => f.message.replace(/Property.*/, ''))).toEqual([
      expect.stringMatching(/role CPodRole does not trust eks-fargate-pods.amazonaws.com/),
      expect.stringMatching(/role CPodRole has the IAM path '\/eks\/'/),
      expect.stringMatching(/role CPodRole has neither AmazonEKSFargatePodExecutionRolePolicy nor the ECR pulls it grants/),
    ]);
  });

  test('the ECR pulls granted inline pass; a managed policy the stack cannot read is not judged', () => {
    const stack = newStack();
    const pulls = { Statement: [{ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: '*' }] };
    new L1Cluster(stack, 'Inline', { managedPolicyArns: [], policies: [{ policyName: 'pull', policyDocument: pulls }] }).withCoreDns();
    new L1Cluster(stack, 'Custom', { managedPolicyArns: ['arn:aws:iam::111111111111:policy/pulls'] }).withCoreDns();
    expect(of(check(stack), 'Fargate-EK5')).toEqual([]);
  });

  test('a node group\'s role is not a pod execution role', () => {
    const c = new L1Cluster(newStack()).withCoreDns();
    new eks.CfnNodegroup(c.stack, 'Nodes', { clusterName: c.cluster.ref, nodeRole: c.role.attrArn, subnets: ['subnet-1'] });
    expect(of(check(c.stack), 'Fargate-EK5')[0].message).toMatch(/is also the node role of node group Nodes/);
  });

  test('aws-eks-v2\'s default role trusts without aws:SourceArn: a warning; with the condition, nothing', () => {
    const stack = newStack();
    const cluster = new eks.Cluster(stack, 'V2', { version: eks.KubernetesVersion.V1_34, defaultCapacity: 0, defaultCapacityType: eks.DefaultCapacityType.NODEGROUP });
    cluster.addFargateProfile('A', { selectors: [{ namespace: 'kube-system' }] });
    new L1Cluster(stack).withCoreDns();
    const found = of(check(stack), 'Fargate-EK6');
    expect(found.map(f => [f.level, f.path])).toEqual([['warning', 'Stack/V2/fargate-profile-A/Resource']]);
    expect(found[0].message).toMatch(/trusts eks-fargate-pods.amazonaws.com without an aws:SourceArn condition/);
  });
});

describe('Fargate-EK7: pods a profile selects run on Fargate', () => {
  const BAD_POD = {
    hostNetwork: true,
    nodeSelector: { 'kubernetes.io/arch': 'arm64' },
    containers: [{
      name: 'app',
      image: 'nginx',
      securityContext: { privileged: true },
      ports: [{ containerPort: 80, hostPort: 80 }],
      resources: { limits: { 'nvidia.com/gpu': 1 }, requests: { 'cpu': '16', 'memory': '120Gi', 'ephemeral-storage': '200Gi' } },
    }],
  };

  test('every unsupported feature is an error naming the manifest, the container and the profile', () => {
    const c = new L1Cluster(newStack()).withCoreDns();
    c.profile([{ namespace: 'web', labels: [{ key: 'app', value: 'web' }] }], { fargateProfileName: 'web' });
    c.manifest('Daemon', deployment('web', BAD_POD, { app: 'web' }, 'DaemonSet'));
    const found = of(check(c.stack), 'Fargate-EK7');
    expect(found.every(f => f.level === 'error' && f.path === 'Stack/Daemon')).toBe(true);
    expect(found.map(f => f.property)).toEqual([
      'Manifest[0].kind',
      'Manifest[0].spec.template.spec.hostNetwork',
      'Manifest[0].spec.template.spec.containers[0].securityContext.privileged',
      'Manifest[0].spec.template.spec.containers[0].ports[0].hostPort',
      'Manifest[0].spec.template.spec.containers[0].resources.limits',
      'Manifest[0].spec.template.spec.nodeSelector',
      'Manifest[0].spec.template.spec.containers',
      'Manifest[0].spec.template.spec.containers',
    ]);
    expect(found[2].message).toMatch(/DaemonSet web\/web runs on Fargate \(profile 'web' \(Stack\/CProfile1\) selects it\), and container 'app' is privileged/);
    expect(found[6].message).toMatch(/asks for 16 vCPU and 123136 MiB/);
    expect(found[7].message).toMatch(/200 GiB of ephemeral storage.*Allowed: at most 175 GiB/);
  });

  test('pods no profile selects, other clusters\' profiles, and what tokens hide are not judged', () => {
    const stack = newStack();
    const c = new L1Cluster(stack).withCoreDns();
    c.profile([{ namespace: 'web', labels: [{ key: 'app', value: 'web' }] }]);
    const other = new L1Cluster(stack, 'Other').withCoreDns();
    other.profile([{ namespace: 'batch' }]);
    const hostNetwork = { hostNetwork: true };
    c.manifest('OtherLabels', deployment('web', hostNetwork, { app: 'api' }));
    c.manifest('OtherNamespace', deployment('batch', hostNetwork));
    c.manifest('TokenNamespace', deployment(Fn.ref('AWS::StackName'), hostNetwork));
    c.manifest('TokenLabel', deployment('web', hostNetwork, { app: Fn.ref('AWS::StackName') }));
    new CfnResource(stack, 'TokenManifest', {
      type: 'Custom::AWSCDK-EKS-KubernetesResource', properties: { ClusterName: c.cluster.ref, Manifest: new CfnParameter(stack, 'M').valueAsString },
    });
    expect(of(check(stack), 'Fargate-EK7')).toEqual([]);
  });

  test('wildcard namespaces and labels, the default namespace, CronJobs and init containers', () => {
    const c = new L1Cluster(newStack()).withCoreDns();
    c.profile([{ namespace: 'team-*' }, { namespace: 'default', labels: [{ key: 'run', value: 'fargate-?' }] }]);
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'team-a' },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { initContainers: [{ name: 'init', image: 'x', securityContext: { privileged: true } }], containers: [] } } } } },
    };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { run: 'fargate-1' } }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ hostPort: 9 }] }] } };
    c.manifest('Mixed', cron, pod, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q', labels: { run: 'ec2' } }, spec: { hostNetwork: true } });
    expect(of(check(c.stack), 'Fargate-EK7').map(f => f.property)).toEqual([
      'Manifest[0].spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.privileged',
      'Manifest[1].spec.containers[0].ports[0].hostPort',
    ]);
  });

  test('EBS volumes: a claim of an EBS storage class, an in-tree EBS volume, a StatefulSet claim template; EFS passes', () => {
    const c = new L1Cluster(newStack()).withCoreDns();
    c.profile([{ namespace: 'db' }]);
    const sc = (name: string, provisioner: string) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner });
    const pvc = (name: string, storageClassName: string) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'db' }, spec: { storageClassName } });
    c.manifest('Storage', sc('gp3', 'ebs.csi.aws.com'), sc('efs', 'efs.csi.aws.com'), pvc('data', 'gp3'), pvc('shared', 'efs'));
    const volumes = [
      { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'shared', persistentVolumeClaim: { claimName: 'shared' } },
      { name: 'old', awsElasticBlockStore: { volumeID: 'vol-1' } },
    ];
    const sts = deployment('db', { volumes }, { app: 'db' }, 'StatefulSet');
    sts.spec.volumeClaimTemplates = [{ metadata: { name: 'wal' }, spec: { storageClassName: 'gp3' } }];
    c.manifest('Db', sts);
    const found = of(check(c.stack), 'Fargate-EK7');
    expect(found.map(f => f.property)).toEqual([
      'Manifest[0].spec.template.spec.volumes[0]',
      'Manifest[0].spec.template.spec.volumes[2]',
      'Manifest[0].spec.volumeClaimTemplates[0]',
    ]);
  });

  test('aws-eks v1 profiles and manifests are read the same way', () => {
    const stack = newStack();
    const layer = lambda.LayerVersion.fromLayerVersionArn(stack, 'Layer', 'arn:aws:lambda:eu-west-1:111111111111:layer:kubectl:1');
    const cluster = new eksv1.FargateCluster(stack, 'V1', { version: eksv1.KubernetesVersion.V1_32, kubectlLayer: layer });
    cluster.addFargateProfile('Web', { selectors: [{ namespace: 'web', labels: { app: 'web' } }] });
    cluster.addManifest('Web', deployment('web', { hostNetwork: true }));
    const seen = check(stack);
    expect(of(seen, 'Fargate-EK7').map(f => [f.path, f.property])).toEqual([['Stack/V1/manifest-Web/Resource/Default', 'Manifest[0].spec.template.spec.hostNetwork']]);
    expect(of(seen, 'Fargate-EK8')).toEqual([]); // aws-eks v1's FargateCluster patches CoreDNS onto Fargate
    expect(of(seen, 'Fargate-EK6').map(f => f.property)).toEqual(['Config.podExecutionRoleArn', 'Config.podExecutionRoleArn']);
  });
});

describe('Fargate-EK8: CoreDNS on a Fargate-only cluster', () => {
  test('no add-on, an add-on without computeType, no kube-system profile: errors', () => {
    const stack = newStack();
    const none = new L1Cluster(stack, 'None');
    none.profile([{ namespace: 'kube-system' }]);
    const plain = new L1Cluster(stack, 'Plain');
    plain.profile([{ namespace: 'kube-system' }]);
    new eks.CfnAddon(stack, 'PlainCoreDns', { clusterName: plain.cluster.ref, addonName: 'coredns' });
    const noProfile = new L1Cluster(stack, 'NoProfile');
    noProfile.profile([{ namespace: 'web' }]);
    new eks.CfnAddon(stack, 'NoProfileCoreDns', { clusterName: noProfile.cluster.ref, addonName: 'coredns', configurationValues: '{"computeType":"Fargate"}' });
    const found = of(check(stack), 'Fargate-EK8');
    expect(found.map(f => [f.path, f.message.replace(/\. Property.*/s, '').replace(/^.*?runs on Fargate: /, '')])).toEqual([
      ['Stack/None', 'CoreDNS is not told to run on Fargate: EKS\'s own CoreDNS is annotated for EC2'],
      ['Stack/Plain', 'the CoreDNS add-on is not configured with {"computeType":"Fargate"}'],
      ['Stack/NoProfile', 'no Fargate profile of the cluster selects the CoreDNS pods in kube-system'],
    ]);
  });

  test('a node group, Auto Mode or a configuration token: not judged; a cluster with no profile is not a Fargate cluster', () => {
    const stack = newStack();
    const withNodes = new L1Cluster(stack, 'Nodes');
    withNodes.profile([{ namespace: 'web' }]);
    new eks.CfnNodegroup(stack, 'Group', { clusterName: withNodes.cluster.ref, nodeRole: 'arn:aws:iam::111111111111:role/n', subnets: ['subnet-1'] });
    const token = new L1Cluster(stack, 'Token');
    token.profile([{ namespace: 'kube-system' }]);
    new eks.CfnAddon(stack, 'TokenCoreDns', { clusterName: token.cluster.ref, addonName: 'coredns', configurationValues: new CfnParameter(stack, 'Config').valueAsString });
    new L1Cluster(stack, 'Ec2Only');
    expect(of(check(stack), 'Fargate-EK8')).toEqual([]);
  });
});

describe('Fargate-EK9: the logging ConfigMap', () => {
  const configMap = (data: Record<string, any>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws-logging', namespace: 'aws-observability' }, data });
  const OUTPUT = '[OUTPUT]\n    Name cloudwatch_logs\n    Match *\n    region eu-west-1\n';

  test('wrong keys, sections, plugins, variables, size and the namespace label are errors', () => {
    const c = new L1Cluster(newStack()).withCoreDns();
    c.manifest('Logging',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'aws-observability' } },
      configMap({
        'fluent-bit.conf': '[SERVICE]\n',
        'output.conf': '[OUTPUT]\n    Name s3\n[FILTER]\n    Name grep\n',
        'filters.conf': '[FILTER]\n    Name lua\n    script ${SCRIPT}\n',
        'parsers.conf': `[PARSER]\n    Name json\n#${'x'.repeat(5300)}`,
      }));
    const found = of(check(c.stack), 'Fargate-EK9');
    expect(found.map(f => f.message.replace(/^[^:]*: /, '').replace(/\. Property.*/s, ''))).toEqual([
      'the aws-observability namespace lacks its label',
      expect.stringMatching(/^the ConfigMap has \d+ characters$/),
      'the ConfigMap has the key \'fluent-bit.conf\'',
      'the output plugin \'s3\' is not supported on Fargate',
      '\'output.conf\' holds a [FILTER] section',
      '\'filters.conf\' uses a variable',
      'the filter plugin \'lua\' is not supported on Fargate',
      'the ConfigMap has no supported [OUTPUT]',
    ]);
  });

  test('a valid ConfigMap with a token for the log group passes', () => {
    const c = new L1Cluster(newStack()).withCoreDns();
    const group = new CfnParameter(c.stack, 'Group').valueAsString;
    new CfnResource(c.stack, 'Logging', {
      type: 'Custom::AWSCDK-EKS-KubernetesResource',
      properties: {
        ClusterName: c.cluster.ref,
        Manifest: c.stack.toJsonString([
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'aws-observability', labels: { 'aws-observability': 'enabled' } } },
          configMap({ 'output.conf': `${OUTPUT}    log_group_name ${group}\n`, 'filters.conf': '[FILTER]\n    Name kubernetes\n', 'flb_log_cw': 'true' }),
        ]),
      },
    });
    expect(of(check(c.stack), 'Fargate-EK9')).toEqual([]);
  });
});

test('a plain aws-eks-v2 FargateCluster: only the SourceArn warning, and nothing from the ECS rules', () => {
  const stack = newStack();
  const layer = lambda.LayerVersion.fromLayerVersionArn(stack, 'Layer', 'arn:aws:lambda:eu-west-1:111111111111:layer:kubectl:1');
  const cluster = new eks.FargateCluster(stack, 'Fargate', { version: eks.KubernetesVersion.V1_34, kubectlProviderOptions: { kubectlLayer: layer } });
  cluster.addManifest('Web', deployment('default', {}));
  expect([...new Set(check(stack).map(s => `${s.id} ${s.level}`))]).toEqual(['Fargate-EK6 warning']);
  Aspects.of(stack.node.root).add(new FargatePlatformChecks());
  (stack.node.root as App).synth({ force: true });
  Annotations.fromStack(stack).hasWarning('/Stack/Fargate/fargate-profile-default/Resource', Match.stringLikeRegexp('Fargate-EK6'));
});

describe('the failures of a plain aws-eks-v2 app, each an error (the SourceArn one a warning)', () => {
  // One Fargate-only aws-eks-v2 cluster with every mistake the EKS issue lists, checked once.
  const stack = newStack();
  const layer = lambda.LayerVersion.fromLayerVersionArn(stack, 'Layer', 'arn:aws:lambda:eu-west-1:111111111111:layer:kubectl:1');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new eks.Cluster(stack, 'Cluster', {
    version: eks.KubernetesVersion.V1_34,
    vpc,
    defaultCapacity: 0,
    defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
    kubectlProviderOptions: { kubectlLayer: layer },
  });
  // kube-system is selected, but no add-on or patch tells CoreDNS to run on Fargate.
  cluster.addFargateProfile('System', { selectors: [{ namespace: 'kube-system' }] });
  // A profile in public subnets: they route to the internet gateway.
  cluster.addFargateProfile('Public', { selectors: [{ namespace: 'public' }], vpc, subnetSelection: { subnetType: ec2.SubnetType.PUBLIC } });
  // aws-eks-v2 chains the profiles it adds; one added beside them, with the cluster's own role, is created in parallel.
  const web = cluster.addFargateProfile('Web', { selectors: [{ namespace: 'web' }] });
  new eks.CfnFargateProfile(stack, 'Parallel', {
    clusterName: cluster.clusterName,
    podExecutionRoleArn: web.podExecutionRole.roleArn,
    selectors: [{ namespace: 'batch' }],
  });
  cluster.addManifest('Agent', deployment('web', {}, { app: 'agent' }, 'DaemonSet'));
  cluster.addManifest('Logging', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws-logging', namespace: 'aws-observability' }, data: { 'output.conf': '[OUTPUT]\n  Name loki\n' } });
  const seen = check(stack);
  const at = (id: string) => of(seen, id).map(s => `${s.level} ${s.path}`);

  test('profile subnets with an internet route', () => expect(at('Fargate-EK1')).toEqual([
    'error Stack/Cluster/fargate-profile-Public/Resource', 'error Stack/Cluster/fargate-profile-Public/Resource',
  ]));
  test('two profiles created in parallel', () => expect(at('Fargate-EK2')).toEqual(Array(3).fill('error Stack/Parallel')));
  test('CoreDNS stays Pending', () => expect(at('Fargate-EK8')).toEqual(['error Stack/Cluster/Resource']));
  test('a DaemonSet in a selected namespace', () => expect(at('Fargate-EK7')).toEqual(['error Stack/Cluster/manifest-Agent/Resource/Default']));
  test('an aws-logging ConfigMap Fargate ignores', () => expect(at('Fargate-EK9')).toEqual([
    'error Stack/Cluster/manifest-Logging/Resource/Default', 'error Stack/Cluster/manifest-Logging/Resource/Default',
  ]));
  test('a pod execution role without SourceArn', () => expect(new Set(at('Fargate-EK6'))).toEqual(new Set([
    'warning Stack/Cluster/fargate-profile-System/Resource', 'warning Stack/Cluster/fargate-profile-Public/Resource',
    'warning Stack/Cluster/fargate-profile-Web/Resource', 'warning Stack/Parallel',
  ])));
  test('and nothing else', () => expect([...new Set(seen.map(s => s.id))].sort()).toEqual(
    ['Fargate-EK1', 'Fargate-EK2', 'Fargate-EK6', 'Fargate-EK7', 'Fargate-EK8', 'Fargate-EK9'],
  ));
});

test('Fargate-EK8 does not judge a cluster whose add-ons may live in another stack of the app', () => {
  const app = new App();
  const env = { account: '111111111111', region: 'eu-west-1' };
  const c = new L1Cluster(new Stack(app, 'Cluster', { env }));
  c.profile([{ namespace: 'kube-system' }]);
  new eks.CfnAddon(new Stack(app, 'Addons', { env }), 'CoreDns', { clusterName: 'named-elsewhere', addonName: 'coredns', configurationValues: '{"computeType":"Fargate"}' });
  expect(of(check(c.stack), 'Fargate-EK8')).toEqual([]);
});
