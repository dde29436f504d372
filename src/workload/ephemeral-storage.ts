import { Token } from 'aws-cdk-lib';
import { unscopedPropsError } from '../errors';
import { EPHEMERAL_STORAGE_DEFAULT_GIB, EPHEMERAL_STORAGE_MIN_GIB } from '../platform/fargate-support';
import { EphemeralStorageSize, ephemeralStorageFinding } from '../rules/ephemeral-storage-size';
import { formatFinding } from '../rules/rule';

/**
 * What a task keeps on its ephemeral storage, for `EphemeralStorage.estimateGiB`.
 */
export interface EphemeralStorageEstimateProps {
  /**
   * The unpacked size, in GiB, of each container image in the task. Fargate stores the image layers on
   * the task's ephemeral storage, so they count against it (`docker image inspect` shows the size).
   * @default - no images counted
   */
  readonly imageSizesGiB?: number[];

  /**
   * Space the containers write at run time: temporary files, caches, bind-mounted volumes.
   * @default 0
   */
  readonly scratchGiB?: number;

  /**
   * Extra room on top of images and scratch space, in percent.
   * @default 20
   */
  readonly headroomPercent?: number;
}

/**
 * Sizes a task's ephemeral storage.
 */
export class EphemeralStorage {
  /**
   * The ephemeral storage, in GiB, for what a task holds: images plus scratch space plus headroom,
   * rounded up. Returns 20 (the default, which `FargateWorkload` leaves unset) when that is enough, and
   * the size otherwise. Throws above 200 GiB, Fargate's limit, with the advice to use EFS or an EBS volume.
   *
   * @example
   * EphemeralStorage.estimateGiB({ imageSizesGiB: [3.2, 0.4], scratchGiB: 40 }); // 53
   */
  public static estimateGiB(props: EphemeralStorageEstimateProps): number {
    const images = props.imageSizesGiB ?? [];
    const scratch = props.scratchGiB ?? 0;
    const headroom = props.headroomPercent ?? 20;
    const inputs: Array<[string, number]> = [
      ...images.map((v, i): [string, number] => [`imageSizesGiB[${i}]`, v]),
      ['scratchGiB', scratch],
      ['headroomPercent', headroom],
    ];
    for (const [name, value] of inputs) {
      if (Token.isUnresolved(value)) {
        throw unscopedPropsError('TokenEstimateInput', `EphemeralStorage.estimateGiB: \`${name}\` is a token; the estimate needs numbers known at synth. ` +
          'Fix: pass a number, or set `ephemeralStorageGiB` directly.');
      }
      if (!Number.isFinite(value) || value < 0) {
        throw unscopedPropsError('InvalidEstimateInput', `EphemeralStorage.estimateGiB: \`${name}\` must be a number of 0 or more, got ${value}.`);
      }
    }
    const needed = Math.ceil((images.reduce((a, b) => a + b, 0) + scratch) * (1 + headroom / 100));
    if (needed <= EPHEMERAL_STORAGE_DEFAULT_GIB) return EPHEMERAL_STORAGE_DEFAULT_GIB;
    const size = Math.max(needed, EPHEMERAL_STORAGE_MIN_GIB);
    const finding = ephemeralStorageFinding(size);
    if (finding) throw unscopedPropsError('InvalidEphemeralStorage', `EphemeralStorage.estimateGiB: the task needs ${size} GiB. ${formatFinding(EphemeralStorageSize, finding)}`);
    return size;
  }

  private constructor() {}
}
