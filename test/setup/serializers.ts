// Snapshot serializer: asset hashes change whenever an asset's bytes do; a snapshot should change only
// when the template does. Replaces 64-hex asset hashes (and the S3 keys built from them).
const HASH = /[0-9a-f]{64}/g;

module.exports = {
  test: (value: unknown) => typeof value === 'string' && /[0-9a-f]{64}/.test(value),
  print: (value: unknown) => JSON.stringify((value as string).replace(HASH, '<asset-hash>')),
};
