import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { apiSchemaSdl, composeSupergraph } from './compose';

const root = join(__dirname, '..', '..');
const INACCESSIBLE_LOCATIONS =
  'FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION';

describe('the committed supergraph', () => {
  it('composes from the committed subgraph SDLs without errors or warnings', () => {
    const { warnings } = composeSupergraph(root);
    expect(warnings).toEqual([]);
  });

  it('is up to date with them (run npm run compose)', () => {
    const { supergraphSdl } = composeSupergraph(root);
    expect(readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8')).toBe(supergraphSdl);
  });
});

describe('the committed API schema', () => {
  const committed = readFileSync(join(root, 'schema', 'api.graphql'), 'utf8');

  it('is up to date with the supergraph (run npm run compose)', () => {
    expect(committed).toBe(apiSchemaSdl(composeSupergraph(root).supergraphSdl));
  });

  it('shows no federation internals and nothing inaccessible', () => {
    expect(committed).not.toMatch(/join__|link__|@link|@inaccessible|_Entity|_Service|_entities/);
    const schema = buildSchema(committed);
    expect(schema.getDirectives().map((directive) => directive.name)).not.toContain('join__field');
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(expect.arrayContaining(['clients', 'client', 'searchKnowledge']));
  });

  it('leaves out a field the supergraph marks @inaccessible', () => {
    const supergraph = readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8');
    const hidden = supergraph
      .replace(
        /@link\(url: "https:\/\/specs\.apollo\.dev\/join\/v[\d.]+", for: EXECUTION\)/,
        '$&\n  @link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)',
      )
      .replace('directive @join__directive', `directive @inaccessible on ${INACCESSIBLE_LOCATIONS}\n\ndirective @join__directive`)
      .replace('notes: String @join__field(graph: CRM)', 'notes: String @join__field(graph: CRM) @inaccessible');
    expect(hidden).toContain('@inaccessible\n');
    const client = buildSchema(apiSchemaSdl(hidden)).getType('Client');
    expect(client && 'getFields' in client ? Object.keys(client.getFields()) : []).toEqual(expect.arrayContaining(['fullName']));
    expect(client && 'getFields' in client ? Object.keys(client.getFields()) : []).not.toContain('notes');
  });
});
