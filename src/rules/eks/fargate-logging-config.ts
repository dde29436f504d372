import { hasToken, KUBERNETES_MANIFEST, manifestFacts } from './facts';
import { EKS_FARGATE_LOGGING as LOGGING } from '../../platform/eks';
import { TOKEN_PLACEHOLDER } from '../context';
import { defineRule, Finding, RuleLevel } from '../rule';

const SECTION_OF_KEY: Record<string, string> = { 'filters.conf': 'FILTER', 'output.conf': 'OUTPUT', 'parsers.conf': 'PARSER' };

/** The sections of a Fluent Bit configuration: their header and `Name`. */
function sections(text: string): Array<{ header: string; name: string | undefined }> {
  const out: Array<{ header: string; name: string | undefined }> = [];
  for (const line of text.split('\n')) {
    const header = /^\s*\[([A-Za-z_]+)\]\s*$/.exec(line);
    if (header) out.push({ header: header[1].toUpperCase(), name: undefined });
    const name = /^\s*Name\s+(\S+)\s*$/i.exec(line);
    if (name && out.length > 0 && out[out.length - 1].name === undefined) out[out.length - 1].name = name[1];
  }
  return out;
}

/** Fargate-EK9: the Fargate log router's ConfigMap is one Fargate accepts. */
export const FargateLoggingConfig = defineRule({
  id: 'Fargate-EK9',
  level: RuleLevel.ERROR,
  summary: `The EKS Fargate logging ConfigMap (${LOGGING.namespace}/${LOGGING.configMapName}) follows the Fluent Bit rules Fargate enforces`,
  explanation: `Fargate silently ignores the ConfigMap, and ships no logs, when it exceeds ${LOGGING.maxCharacters} characters, has keys other than ` +
    `${LOGGING.keys.join(', ')}, puts a section under the wrong key, uses a filter other than ${LOGGING.filters.join(', ')} or an output other than ` +
    `${LOGGING.outputs.join(', ')}, has no supported output, or uses \${ENV} variables; or when its namespace lacks the label ` +
    `${LOGGING.namespaceLabel.key}: ${LOGGING.namespaceLabel.value}.`,
  fix: 'Keep [FILTER]s in filters.conf, [OUTPUT]s in output.conf and [PARSER]s in parsers.conf, use only the supported plugins, write values ' +
    'instead of variables, and label the namespace (FargateKubernetesEnvironment writes a valid one).',
  resourceTypes: [KUBERNETES_MANIFEST],
  evaluate(resource, ctx) {
    const manifest = manifestFacts(resource, ctx);
    if (manifest.objects === undefined) return undefined;
    const out: Finding[] = [];
    for (const { path, object } of manifest.objects) {
      if (object?.metadata?.namespace === LOGGING.namespace && object?.kind === 'ConfigMap' && object.metadata.name === LOGGING.configMapName) {
        out.push(...configMapProblems(path, object.data ?? {}));
      }
      if (object?.kind === 'Namespace' && object.metadata?.name === LOGGING.namespace) {
        const label = object.metadata.labels?.[LOGGING.namespaceLabel.key];
        if (label !== LOGGING.namespaceLabel.value && !hasToken(label)) {
          out.push({
            property: `${path}.metadata.labels`,
            value: object.metadata.labels,
            problem: `the ${LOGGING.namespace} namespace lacks its label`,
            allowed: `labels including ${LOGGING.namespaceLabel.key}: ${LOGGING.namespaceLabel.value}`,
          });
        }
      }
    }
    return out;
  },
});

function configMapProblems(path: string, data: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  const entries = Object.entries(data);
  const text = entries.map(([k, v]) => `${k}${typeof v === 'string' ? v : ''}`).join('');
  const known = text.split(TOKEN_PLACEHOLDER).join('');
  if (known.length > LOGGING.maxCharacters) {
    out.push({ property: `${path}.data`, value: `${known.length} characters`, problem: `the ConfigMap has ${known.length} characters`, allowed: `at most ${LOGGING.maxCharacters}` });
  }
  let outputs = 0;
  let outputsKnown = true;
  for (const [key, value] of entries) {
    const property = `${path}.data.${key}`;
    if (!LOGGING.keys.includes(key)) {
      out.push({ property, value: key, problem: `the ConfigMap has the key '${key}'`, allowed: LOGGING.keys.join(', ') });
      continue;
    }
    if (typeof value !== 'string') continue;
    const withoutTokens = value.split(TOKEN_PLACEHOLDER).join('');
    if (/\$\{[^}]*\}/.test(withoutTokens)) {
      out.push({ property, value: /\$\{[^}]*\}/.exec(withoutTokens)![0], problem: `'${key}' uses a variable`, allowed: 'literal values (no ${ENV} variables)' });
    }
    const expected = SECTION_OF_KEY[key];
    for (const s of sections(value)) {
      if (expected && s.header !== expected) {
        out.push({ property, value: `[${s.header}]`, problem: `'${key}' holds a [${s.header}] section`, allowed: `[${expected}] sections only under ${key}` });
        continue;
      }
      const allowed = s.header === 'FILTER' ? LOGGING.filters : s.header === 'OUTPUT' ? LOGGING.outputs : undefined;
      if (s.name !== undefined && hasToken(s.name)) {
        if (s.header === 'OUTPUT') outputsKnown = false;
        continue;
      }
      if (allowed && (s.name === undefined || !allowed.includes(s.name.toLowerCase()))) {
        out.push({ property, value: s.name, problem: `the ${s.header.toLowerCase()} plugin '${s.name}' is not supported on Fargate`, allowed: allowed.join(', ') });
      } else if (s.header === 'OUTPUT') {outputs++;}
    }
  }
  if (outputs === 0 && outputsKnown) {
    out.push({ property: `${path}.data.output.conf`, value: data['output.conf'], problem: 'the ConfigMap has no supported [OUTPUT]', allowed: `an [OUTPUT] of ${LOGGING.outputs.join(', ')} in output.conf` });
  }
  return out;
}
