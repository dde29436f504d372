// Rule tests synthesize deliberately invalid templates; aws-cdk-lib's built-in template validation would
// print each one to stderr. Our checks do not depend on it.
process.env.CDK_VALIDATION = 'false';
