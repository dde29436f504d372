// The compliance plugins live with the examples' main command; the tests use the same ones.
export * from '../../scripts/compliance';
