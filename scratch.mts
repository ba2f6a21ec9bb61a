import { parseStrictYaml } from './src/core/yaml.ts';
import { toValue } from './src/core/yaml-value.ts';
import { checkSchema } from './src/core/schema-check.ts';
import schema from './schemas/grant.schema.json' with { type: 'json' };
const p = parseStrictYaml('g.yaml', process.argv[2]!);
const { value, positions } = toValue(p.node!, schema);
console.log(JSON.stringify(value), JSON.stringify(checkSchema(schema, value, 'g.yaml', positions), null, 1));
