import { readFileSync } from 'fs';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';

/** Where a value sits in its source file (1-based). @internal */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A CloudFormation template read from JSON or YAML, with the position of every value. @internal */
export interface LoadedTemplate {
  readonly file: string;
  readonly template: Record<string, any>;
  /** The position of the deepest value of `path` that exists in the source. */
  locate(path: ReadonlyArray<string | number>): SourcePosition | undefined;
}

/** Input that is not a template the command can read: the message names the file and what is wrong. @internal */
export class BadInputError extends Error {}

/** The short-form intrinsics and their long form. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAtt': 'Fn::GetAtt',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!Sub': 'Fn::Sub',
  '!Transform': 'Fn::Transform',
  '!And': 'Fn::And',
  '!Equals': 'Fn::Equals',
  '!If': 'Fn::If',
  '!Not': 'Fn::Not',
  '!Or': 'Fn::Or',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  '!ForEach': 'Fn::ForEach',
};

function toValue(node: unknown, file: string): any {
  if (isAlias(node)) throw new BadInputError(`${file}: YAML aliases are not CloudFormation`);
  let value: any;
  if (isMap(node)) {
    value = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      value[key] = toValue(pair.value, file);
    }
  } else if (isSeq(node)) {
    value = node.items.map(item => toValue(item, file));
  } else if (isScalar(node)) {
    value = node.value;
  } else if (node === null || node === undefined) {
    return null;
  } else {
    value = node;
  }
  const tag = (node as Node).tag;
  if (tag && tag.startsWith('!')) {
    const intrinsic = SHORT_FORMS[tag];
    if (!intrinsic) throw new BadInputError(`${file}: unsupported YAML tag ${tag}`);
    // `!GetAtt A.B` is the short form of `Fn::GetAtt: [A, B]`.
    if (intrinsic === 'Fn::GetAtt' && typeof value === 'string') {
      const dot = value.indexOf('.');
      value = dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
    }
    return { [intrinsic]: value };
  }
  return value;
}

/**
 * Reads a CloudFormation template in JSON or YAML (with short-form intrinsics), keeping where each value is.
 * @internal
 */
export function loadTemplate(file: string): LoadedTemplate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new BadInputError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, strict: false });
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    throw new BadInputError(`${file}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML or JSON (${error.message.split('\n')[0]})`);
  }
  const template = toValue(doc.contents, file);
  if (!template || typeof template !== 'object' || Array.isArray(template) || typeof template.Resources !== 'object' || template.Resources === null) {
    throw new BadInputError(`${file}: not a CloudFormation template (no Resources section)`);
  }
  return {
    file,
    template,
    locate(path) {
      // The deepest part of the path that exists: a finding about an omitted property points at its resource.
      for (let n = path.length; n > 0; n--) {
        const node = doc.getIn(path.slice(0, n) as unknown[], true) as Node | undefined;
        if (node?.range) {
          const pos = lineCounter.linePos(node.range[0]);
          return { line: pos.line, column: pos.col };
        }
        // A key whose value is a collection: getIn on a map gives the map; its range starts at the first child.
      }
      return undefined;
    },
  };
}

/**
 * A finding's property (`ContainerDefinitions[0].StopTimeout`, `Config.selectors[1]`) as a path below the resource's
 * `Properties`. A pair (`Cpu/Memory`) points at its first; parts that are not plain keys (`Definition: States.Run`) end the path.
 * @internal
 */
export function propertyPath(property: string): Array<string | number> {
  const out: Array<string | number> = [];
  // 'Cpu/Memory' names a pair: point at its first.
  for (const part of property.split('/')[0].split('.')) {
    const m = /^([A-Za-z0-9_-]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) break;
    out.push(m[1]);
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}
