import { FargatePodSize, TaskSize } from '../../src';
import { EKS_POD_SIZING } from '../../src/platform/eks';
import { parseQuantity } from '../../src/platform/pod-size';
import { TASK_SIZE_TABLE } from '../../src/platform/task-size-table';

describe('FargatePodSize', () => {
  test('the EKS user guide\'s example: 1 vCPU and 8 GB requested is billed as 2 vCPU and 9 GB', () => {
    const size = FargatePodSize.of({ containers: [{ cpu: '1', memory: '8Gi' }] });
    // 8192 MiB + 256 MiB = 8448 MiB: more than 1 vCPU offers (8192), so 2 vCPU, whose next memory size is 9216 MiB.
    expect([size.cpu, size.memoryMiB, size.requestedMemoryMiB]).toEqual([2048, 9216, 8448]);
    expect(size.toString()).toBe('2 vCPU / 9 GB');
  });

  test('a pod with no requests runs at 0.25 vCPU and 0.5 GB', () => {
    const size = FargatePodSize.of({ containers: [{}, {}] });
    expect([size.vcpu, size.memoryGiB, size.ephemeralStorageGiB]).toEqual([0.25, 0.5, 20]);
  });

  test('the larger of the largest init container and the sum of the others, per dimension', () => {
    // Containers: 0.5 vCPU and 1 GiB in total; the init container: 2 vCPU and 512 MiB. Pod: 2 vCPU, 1 GiB + 256 MiB -> 4 GB (2 vCPU minimum).
    const size = FargatePodSize.of({
      containers: [{ cpu: '250m', memory: '512Mi' }, { cpu: '250m', memory: '512Mi' }],
      initContainers: [{ cpu: '2', memory: '512Mi' }],
    });
    expect([size.cpu, size.memoryMiB, size.requestedCpu, size.requestedMemoryMiB]).toEqual([2048, 4096, 2048, 1280]);
  });

  test('decimal units: 1G is 953.7 MiB', () => {
    // 1e9 bytes = 953.67 MiB -> 954 + 256 = 1210 MiB -> 0.25 vCPU's 2048 MiB row, since 0.25 vCPU tops out at 1024 in steps of 512 and offers 2048
    const size = FargatePodSize.of({ containers: [{ cpu: '0.25', memory: '1G' }] });
    expect([size.cpu, size.memoryMiB]).toEqual([256, 2048]);
  });

  test('reads the ECS task size table: every billed size is a valid Linux TaskSize', () => {
    for (const cpu of ['100m', '300m', '1', '1500m', '3', '5', '12']) {
      for (const memory of ['100Mi', '1Gi', '3Gi', '7Gi', '20Gi', '60Gi']) {
        const size = FargatePodSize.of({ containers: [{ cpu, memory }] });
        expect(TaskSize.isValid(size.cpu, size.memoryMiB)).toBe(true);
        expect(size.taskSize.cpu).toBe(size.cpu);
      }
    }
    expect(Math.max(...TASK_SIZE_TABLE.map(r => r.cpu))).toBeGreaterThan(EKS_POD_SIZING.maxCpu); // the 32 vCPU tier exists, and pods never get it
    expect(FargatePodSize.of({ containers: [{ cpu: '15', memory: '100Gi' }] }).cpu).toBe(EKS_POD_SIZING.maxCpu);
  });

  test('containerRequestsFor: a single container sized so the pod is billed at exactly the size', () => {
    for (const [cpu, memory] of [[256, 512], [512, 1024], [1024, 3072], [4096, 30720], [16384, 122880]]) {
      const requests = FargatePodSize.containerRequestsFor(TaskSize.of(cpu, memory));
      const size = FargatePodSize.of({ containers: [requests] });
      expect([size.cpu, size.memoryMiB, size.unusedMemoryMiB]).toEqual([cpu, memory, 0]);
    }
    expect(FargatePodSize.containerRequestsFor(TaskSize.of(512, 1024))).toEqual({ cpu: '500m', memory: '768Mi' });
    expect(() => FargatePodSize.containerRequestsFor(TaskSize.of(32768, 61440))).toThrow(/EKS runs pods of at most 16 vCPU and 120 GB/);
  });

  test('clear errors: too large, too much storage, unreadable quantities', () => {
    expect(() => FargatePodSize.of({ containers: [{ cpu: '16', memory: '120Gi' }] }))
      .toThrow(/asks for 16 vCPU and 123136 MiB \(with the 256 MiB Fargate adds\). The largest pod is 16 vCPU and 120 GB/);
    expect(() => FargatePodSize.of({ containers: [{ cpu: '17' }] })).toThrow(/No Fargate size fits this pod/);
    expect(() => FargatePodSize.of({ containers: [{ ephemeralStorage: '176Gi' }] })).toThrow(/176 GiB of ephemeral storage; a Fargate pod gets at most 175 GiB/);
    expect(FargatePodSize.of({ containers: [{ ephemeralStorage: '175Gi' }] }).ephemeralStorageGiB).toBe(175);
    expect(() => FargatePodSize.of({ containers: [{ memory: '2 GB' }] })).toThrow(/containers\[0\]\.memory is '2 GB', which is not a Kubernetes quantity/);
  });

  test('Kubernetes quantities', () => {
    expect([parseQuantity('250m'), parseQuantity('2'), parseQuantity(3), parseQuantity('1Ki'), parseQuantity('1e3'), parseQuantity('1.5Gi')])
      .toEqual([0.25, 2, 3, 1024, 1000, 1.5 * 2 ** 30]);
    expect([parseQuantity('x'), parseQuantity('${Token}'), parseQuantity(-1), parseQuantity({ Ref: 'P' })]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

