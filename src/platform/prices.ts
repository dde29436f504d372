import { UnscopedValidationError } from 'aws-cdk-lib';

/**
 * What one figure of a price table prices, and its unit.
 */
export enum PriceDimension {
  /** Fargate Linux x86_64, per vCPU-hour. */
  LINUX_X86_VCPU_HOUR = 'LINUX_X86_VCPU_HOUR',
  /** Fargate Linux x86_64, per GB-hour. */
  LINUX_X86_GB_HOUR = 'LINUX_X86_GB_HOUR',
  /** Fargate Linux ARM64, per vCPU-hour. */
  LINUX_ARM64_VCPU_HOUR = 'LINUX_ARM64_VCPU_HOUR',
  /** Fargate Linux ARM64, per GB-hour. */
  LINUX_ARM64_GB_HOUR = 'LINUX_ARM64_GB_HOUR',
  /** Fargate Windows, per vCPU-hour. */
  WINDOWS_VCPU_HOUR = 'WINDOWS_VCPU_HOUR',
  /** The Windows licence, per vCPU-hour. */
  WINDOWS_LICENCE_VCPU_HOUR = 'WINDOWS_LICENCE_VCPU_HOUR',
  /** Fargate Windows, per GB-hour. */
  WINDOWS_GB_HOUR = 'WINDOWS_GB_HOUR',
  /** Fargate Spot x86_64, per vCPU-hour. */
  SPOT_X86_VCPU_HOUR = 'SPOT_X86_VCPU_HOUR',
  /** Fargate Spot x86_64, per GB-hour. */
  SPOT_X86_GB_HOUR = 'SPOT_X86_GB_HOUR',
  /** Fargate Spot ARM64, per vCPU-hour. */
  SPOT_ARM64_VCPU_HOUR = 'SPOT_ARM64_VCPU_HOUR',
  /** Fargate Spot ARM64, per GB-hour. */
  SPOT_ARM64_GB_HOUR = 'SPOT_ARM64_GB_HOUR',
  /** Ephemeral storage above the included 20 GB, per GB-hour. */
  EPHEMERAL_STORAGE_GB_HOUR = 'EPHEMERAL_STORAGE_GB_HOUR',
  /** A NAT gateway, per hour. */
  NAT_GATEWAY_HOUR = 'NAT_GATEWAY_HOUR',
  /** Data a NAT gateway processes, per GB. */
  NAT_GATEWAY_GB = 'NAT_GATEWAY_GB',
  /** An interface VPC endpoint, per Availability Zone-hour. */
  INTERFACE_ENDPOINT_AZ_HOUR = 'INTERFACE_ENDPOINT_AZ_HOUR',
  /** Data an interface endpoint processes, per GB. */
  INTERFACE_ENDPOINT_GB = 'INTERFACE_ENDPOINT_GB',
  /** An Application Load Balancer, per hour. */
  ALB_HOUR = 'ALB_HOUR',
  /** An Application Load Balancer capacity unit (LCU), per hour. */
  ALB_LCU_HOUR = 'ALB_LCU_HOUR',
  /** A Network Load Balancer, per hour. */
  NLB_HOUR = 'NLB_HOUR',
  /** A Network Load Balancer capacity unit (NLCU), per hour. */
  NLB_NLCU_HOUR = 'NLB_NLCU_HOUR',
  /** A public IPv4 address, per hour. */
  PUBLIC_IPV4_HOUR = 'PUBLIC_IPV4_HOUR',
  /** CloudWatch Logs ingestion, per GB. */
  LOGS_INGESTED_GB = 'LOGS_INGESTED_GB',
  /** EFS Standard storage, per GB-month. */
  EFS_STANDARD_GB_MONTH = 'EFS_STANDARD_GB_MONTH',
  /** An EKS cluster's control plane in standard support, per hour. */
  EKS_CLUSTER_HOUR = 'EKS_CLUSTER_HOUR',
}

/**
 * One figure of a price table, with where it comes from.
 */
export interface PriceFigure {
  /** The price, in the table's currency. */
  readonly price: number;
  /** Where the figure comes from. */
  readonly source: string;
  /** When the source published or captured it (ISO date). */
  readonly date: string;
  /**
   * Why the figure is less certain than the others, if it is.
   * @default - as certain as its source
   */
  readonly caveat?: string;
}

const PRICE_LIST = 'AWS Price List, AmazonECS offer, publication 2022-11 (effective 2022-11-01)';
const PRICE_LIST_DATE = '2022-11-01';
const SPOT = 'Fargate pricing page, Spot feed snapshot (floating price, not in the Price List)';
const SPOT_DATE = '2026-09-28';
const PRICING_PAGE = 'AWS pricing pages (VPC, Elastic Load Balancing, CloudWatch, EFS), us-east-1';

/**
 * The built-in table: us-east-1, on demand, USD. Source: FARGATE-FACTS "Prices" (AWS Price List 2022-11, still quoted
 * in 2026; Spot from the pricing page's feed, 2026-09-28).
 */
const US_EAST_1: Record<PriceDimension, PriceFigure> = {
  [PriceDimension.LINUX_X86_VCPU_HOUR]: { price: 0.04048, source: PRICE_LIST, date: PRICE_LIST_DATE },
  [PriceDimension.LINUX_X86_GB_HOUR]: { price: 0.004445, source: PRICE_LIST, date: PRICE_LIST_DATE },
  [PriceDimension.LINUX_ARM64_VCPU_HOUR]: { price: 0.03238, source: PRICE_LIST, date: PRICE_LIST_DATE },
  [PriceDimension.LINUX_ARM64_GB_HOUR]: { price: 0.00356, source: PRICE_LIST, date: PRICE_LIST_DATE },
  [PriceDimension.WINDOWS_VCPU_HOUR]: {
    price: 0.09148,
    source: PRICE_LIST,
    date: PRICE_LIST_DATE,
    caveat: 'Windows figures are a 2022 capture; some 2026 readings give $0.046552 per vCPU-hour and $0.00511175 per GB-hour',
  },
  [PriceDimension.WINDOWS_LICENCE_VCPU_HOUR]: { price: 0.046, source: PRICE_LIST, date: PRICE_LIST_DATE },
  [PriceDimension.WINDOWS_GB_HOUR]: {
    price: 0.01005,
    source: PRICE_LIST,
    date: PRICE_LIST_DATE,
    caveat: 'Windows figures are a 2022 capture; some 2026 readings give $0.046552 per vCPU-hour and $0.00511175 per GB-hour',
  },
  [PriceDimension.SPOT_X86_VCPU_HOUR]: { price: 0.01288871, source: SPOT, date: SPOT_DATE, caveat: 'Spot prices float (about 68–70 % off on demand)' },
  [PriceDimension.SPOT_X86_GB_HOUR]: { price: 0.00141527, source: SPOT, date: SPOT_DATE, caveat: 'Spot prices float (about 68–70 % off on demand)' },
  [PriceDimension.SPOT_ARM64_VCPU_HOUR]: { price: 0.01030969, source: SPOT, date: SPOT_DATE, caveat: 'Spot prices float (about 68–70 % off on demand)' },
  [PriceDimension.SPOT_ARM64_GB_HOUR]: { price: 0.00113349, source: SPOT, date: SPOT_DATE, caveat: 'Spot prices float (about 68–70 % off on demand)' },
  [PriceDimension.EPHEMERAL_STORAGE_GB_HOUR]: { price: 0.000111, source: PRICE_LIST, date: PRICE_LIST_DATE },
  [PriceDimension.NAT_GATEWAY_HOUR]: { price: 0.045, source: PRICING_PAGE, date: PRICE_LIST_DATE },
  [PriceDimension.NAT_GATEWAY_GB]: { price: 0.045, source: PRICING_PAGE, date: PRICE_LIST_DATE },
  [PriceDimension.INTERFACE_ENDPOINT_AZ_HOUR]: { price: 0.01, source: PRICING_PAGE, date: PRICE_LIST_DATE },
  [PriceDimension.INTERFACE_ENDPOINT_GB]: { price: 0.01, source: PRICING_PAGE, date: PRICE_LIST_DATE },
  [PriceDimension.ALB_HOUR]: { price: 0.0225, source: PRICING_PAGE, date: PRICE_LIST_DATE },
  [PriceDimension.ALB_LCU_HOUR]: { price: 0.008, source: PRICING_PAGE, date: PRICE_LIST_DATE },
  [PriceDimension.NLB_HOUR]: { price: 0.0225, source: PRICING_PAGE, date: PRICE_LIST_DATE },
  [PriceDimension.NLB_NLCU_HOUR]: { price: 0.006, source: PRICING_PAGE, date: PRICE_LIST_DATE },
  [PriceDimension.PUBLIC_IPV4_HOUR]: { price: 0.005, source: PRICING_PAGE, date: '2024-02-01' },
  [PriceDimension.LOGS_INGESTED_GB]: { price: 0.5, source: PRICING_PAGE, date: PRICE_LIST_DATE },
  [PriceDimension.EFS_STANDARD_GB_MONTH]: { price: 0.3, source: PRICING_PAGE, date: PRICE_LIST_DATE },
  [PriceDimension.EKS_CLUSTER_HOUR]: {
    price: 0.1,
    source: 'Amazon EKS pricing page, standard support',
    date: '2024-04-01',
    caveat: 'a cluster whose Kubernetes version is in extended support costs 0.60 USD a cluster-hour instead (AWS notice, April 2024)',
  },
};

/** Hours in the month the table's monthly figures use (AWS's own convention). @internal */
export const HOURS_PER_MONTH = 730;

/** The shortest billed run of a Linux task, in seconds. @internal */
export const MINIMUM_BILLED_SECONDS = 60;

/**
 * Props for a price table of your own.
 */
export interface FargatePriceTableProps {
  /** The Region the prices are for. */
  readonly region: string;
  /** Where the figures come from (a negotiated rate card, an offer file). */
  readonly source: string;
  /** When they were published or captured (ISO date). */
  readonly date: string;
  /**
   * Figures that differ from the base table, by dimension.
   * @default - none: the base table as it is, under the new Region and source
   */
  readonly prices?: { [dimension: string]: number };
  /**
   * The table to start from for the figures not given.
   * @default FargatePriceTable.usEast1()
   */
  readonly base?: FargatePriceTable;
  /**
   * The currency.
   * @default 'USD'
   */
  readonly currency?: string;
}

/**
 * Prices the cost report reads: every figure with its source and date.
 *
 * @example
 * const negotiated = FargatePriceTable.custom({
 *   region: 'eu-west-1', source: 'our 2026 rate card', date: '2026-10-01',
 *   prices: { [PriceDimension.LINUX_X86_VCPU_HOUR]: 0.0445, [PriceDimension.LINUX_X86_GB_HOUR]: 0.0049 },
 * });
 */
export class FargatePriceTable {
  /** us-east-1 on-demand prices in USD (AWS Price List 2022-11, Spot from the 2026-09-28 feed). */
  public static usEast1(): FargatePriceTable {
    return new FargatePriceTable('us-east-1', 'USD', { ...US_EAST_1 });
  }

  /** A table of your own: another Region, a negotiated rate, or figures from a Price List offer file. */
  public static custom(props: FargatePriceTableProps): FargatePriceTable {
    const base = props.base ?? FargatePriceTable.usEast1();
    const figures = { ...base.figures };
    for (const [dimension, price] of Object.entries(props.prices ?? {})) {
      if (!(dimension in US_EAST_1)) {
        throw new UnscopedValidationError('UnknownPriceDimension' as any,
          `Unknown price dimension '${dimension}'. Known: ${Object.keys(US_EAST_1).join(', ')}.`);
      }
      if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
        throw new UnscopedValidationError('InvalidPrice' as any, `The price of ${dimension} must be a number of 0 or more, got ${price}.`);
      }
      figures[dimension as PriceDimension] = { price, source: props.source, date: props.date };
    }
    return new FargatePriceTable(props.region, props.currency ?? base.currency, figures);
  }

  /** The Region the prices are for. */
  public readonly region: string;
  /** The currency. */
  public readonly currency: string;
  private readonly figures: Record<PriceDimension, PriceFigure>;

  private constructor(region: string, currency: string, figures: Record<PriceDimension, PriceFigure>) {
    this.region = region;
    this.currency = currency;
    this.figures = figures;
  }

  /** One figure. */
  public figure(dimension: PriceDimension): PriceFigure {
    return this.figures[dimension];
  }

  /** One price. */
  public price(dimension: PriceDimension): number {
    return this.figures[dimension].price;
  }

  /** The distinct sources and dates of the table's figures, for a report to name. */
  public sources(): string[] {
    return [...new Set(Object.values(this.figures).map(f => `${f.source} (${f.date})`))];
  }

  /** The caveats of the table's figures. */
  public caveats(): string[] {
    return [...new Set(Object.values(this.figures).map(f => f.caveat).filter((c): c is string => c !== undefined))];
  }
}
