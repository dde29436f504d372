import { Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { unscopedPropsError } from '../errors';
import {
  FARGATE_ON_DEMAND_PROVIDER, FARGATE_SPOT_PROVIDER, MAX_STRATEGY_BASE, MAX_STRATEGY_WEIGHT, SPOT_INTERRUPTION_NOTICE_SECONDS,
} from '../platform/fargate-support';

/**
 * Options for `CapacityStrategy.mixed`.
 */
export interface MixedCapacityOptions {
  /**
   * How many tasks always run on on-demand FARGATE before any weight applies. Keeps the service up when
   * Spot capacity is reclaimed.
   * @default 1
   */
  readonly onDemandBase?: number;

  /**
   * The share of tasks beyond the base that run on on-demand FARGATE, relative to `spotWeight`.
   * @default 1
   */
  readonly onDemandWeight?: number;

  /**
   * The share of tasks beyond the base that run on FARGATE_SPOT, relative to `onDemandWeight`.
   * @default 3
   */
  readonly spotWeight?: number;
}

/**
 * Where a workload's tasks run: on-demand Fargate, Fargate Spot, or a mix.
 *
 * Fargate Spot gives two minutes' notice (SIGTERM) before it stops a task. Applications on Spot must
 * handle SIGTERM and finish within the container's `stopTimeout`; `FargateWorkload` raises the stop
 * timeout to the full notice when Spot is in the strategy. Spot is not offered for Windows.
 */
export class CapacityStrategy {
  /** Every task on on-demand FARGATE. */
  public static onDemand(): CapacityStrategy {
    return new CapacityStrategy([{ capacityProvider: FARGATE_ON_DEMAND_PROVIDER, weight: 1 }]);
  }

  /**
   * Every task on FARGATE_SPOT: for work that tolerates all its tasks being stopped at once, such as
   * queue workers and dev/test. A service that must stay up should use `mixed()`.
   */
  public static spot(): CapacityStrategy {
    return new CapacityStrategy([{ capacityProvider: FARGATE_SPOT_PROVIDER, weight: 1 }]);
  }

  /**
   * A base of on-demand tasks, and the rest split between on-demand and Spot by weight.
   * The default runs the first task on demand and three of every four after it on Spot.
   */
  public static mixed(options: MixedCapacityOptions = {}): CapacityStrategy {
    const base = options.onDemandBase ?? 1;
    const onDemandWeight = options.onDemandWeight ?? 1;
    const spotWeight = options.spotWeight ?? 3;
    checkRange('onDemandBase', base, MAX_STRATEGY_BASE);
    checkRange('onDemandWeight', onDemandWeight, MAX_STRATEGY_WEIGHT);
    checkRange('spotWeight', spotWeight, MAX_STRATEGY_WEIGHT);
    if (isZero(onDemandWeight) && isZero(spotWeight)) {
      throw unscopedPropsError('ZeroCapacityWeights', 'CapacityStrategy.mixed: `onDemandWeight` and `spotWeight` are both 0, so no task beyond the base could ' +
        'be placed. Fix: give at least one of them a weight of 1 or more.');
    }
    return new CapacityStrategy([
      { capacityProvider: FARGATE_ON_DEMAND_PROVIDER, base, weight: onDemandWeight },
      { capacityProvider: FARGATE_SPOT_PROVIDER, weight: spotWeight },
    ]);
  }

  /** The strategy as `ecs.FargateService` takes it. */
  public readonly providers: ecs.CapacityProviderStrategy[];

  private constructor(providers: ecs.CapacityProviderStrategy[]) {
    this.providers = providers;
  }

  /** True when some tasks may run on Fargate Spot. */
  public get usesSpot(): boolean {
    return this.providers.some(p => p.capacityProvider === FARGATE_SPOT_PROVIDER);
  }

  /** The seconds of notice Fargate Spot gives before it stops a task. */
  public get spotNoticeSeconds(): number {
    return SPOT_INTERRUPTION_NOTICE_SECONDS;
  }
}

function isZero(n: number): boolean {
  return !Token.isUnresolved(n) && n === 0;
}

function checkRange(name: string, value: number, max: number): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw unscopedPropsError('InvalidCapacityWeight', `CapacityStrategy.mixed: \`${name}\` must be a whole number from 0 to ${max}, got ${value}. ` +
      'ECS rejects the strategy otherwise (CapacityProviderStrategyItem).');
  }
}
