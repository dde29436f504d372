// Turns an AWS Price List offer file for AmazonECS (the bulk JSON a user downloaded, e.g. from
// https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonECS/current/index.json) into the props of
// FargatePriceTable.custom for one Region: `npm run prices -- index.json eu-west-1 > prices.json`.
import { readFileSync } from 'fs';
import { FargatePriceTableProps, PriceDimension } from '../src';

/** Which Fargate usage type (after its Region prefix) prices which dimension. */
const USAGE_TYPES: Array<[RegExp, PriceDimension]> = [
  [/-Fargate-vCPU-Hours:perCPU$/, PriceDimension.LINUX_X86_VCPU_HOUR],
  [/-Fargate-GB-Hours$/, PriceDimension.LINUX_X86_GB_HOUR],
  [/-Fargate-ARM-vCPU-Hours:perCPU$/, PriceDimension.LINUX_ARM64_VCPU_HOUR],
  [/-Fargate-ARM-GB-Hours$/, PriceDimension.LINUX_ARM64_GB_HOUR],
  [/-Fargate-Windows-vCPU-Hours:perCPU$/, PriceDimension.WINDOWS_VCPU_HOUR],
  [/-Fargate-Windows-OS-Hours:perCPU$/, PriceDimension.WINDOWS_LICENCE_VCPU_HOUR],
  [/-Fargate-Windows-GB-Hours$/, PriceDimension.WINDOWS_GB_HOUR],
  [/-Fargate-EphemeralStorage-GB-Hours$/, PriceDimension.EPHEMERAL_STORAGE_GB_HOUR],
];

/** The Fargate prices of one Region in an AmazonECS offer file, as FargatePriceTable.custom props. */
export function priceTableFromOffer(offer: any, region: string): FargatePriceTableProps {
  if (offer?.offerCode !== 'AmazonECS') throw new Error(`Not an AmazonECS offer file (offerCode is ${JSON.stringify(offer?.offerCode)}).`);
  const prices: Record<string, number> = {};
  for (const [sku, product] of Object.entries<any>(offer.products ?? {})) {
    if (product?.attributes?.regionCode !== region) continue;
    const dimension = USAGE_TYPES.find(([re]) => re.test(product.attributes.usagetype ?? ''))?.[1];
    if (!dimension) continue;
    const terms = Object.values<any>(offer.terms?.OnDemand?.[sku] ?? {});
    const rates = terms.flatMap(t => Object.values<any>(t.priceDimensions ?? {}));
    const usd = rates.map(r => Number(r.pricePerUnit?.USD)).find(n => Number.isFinite(n));
    if (usd === undefined) continue;
    if (prices[dimension] !== undefined && prices[dimension] !== usd) {
      throw new Error(`Two on-demand prices for ${dimension} in ${region}: ${prices[dimension]} and ${usd} (SKU ${sku}).`);
    }
    prices[dimension] = usd;
  }
  if (Object.keys(prices).length === 0) throw new Error(`No Fargate prices for Region '${region}' in the offer file.`);
  return {
    region,
    source: `AWS Price List, AmazonECS offer, version ${offer.version}`,
    date: String(offer.publicationDate ?? '').slice(0, 10),
    prices,
  };
}

if (require.main === module) {
  const [file, region] = process.argv.slice(2);
  if (!file || !region) {
    console.error('Usage: npm run prices -- <AmazonECS offer file> <region>');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(priceTableFromOffer(JSON.parse(readFileSync(file, 'utf8')), region), undefined, 2)}\n`);
}
