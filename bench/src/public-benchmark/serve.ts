import { createServer, type Server } from 'node:http';
import { execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { schemaOf, subgraphNames, type SubgraphName } from './subgraphs.js';

/**
 * A subgraph of the public benchmark over plain `node:http` and graphql-js: POST `/graphql`, each
 * distinct query parsed and validated once. It stays out of the way of the gateways under test.
 */
export function createBenchSubgraphServer(schema: GraphQLSchema): Server {
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
  const documentOf = (query: string) => {
    let document = documents.get(query);
    if (!document) {
      try {
        const parsed = parse(query);
        const errors = validate(schema, parsed);
        document = errors.length > 0 ? errors : parsed;
      } catch (error) {
        document = [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
      }
      documents.set(query, document);
    }
    return document;
  };
  return createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          query: string;
          variables?: Record<string, unknown>;
          operationName?: string;
        };
        const document = documentOf(query);
        const result =
          'kind' in document
            ? await execute({ schema, document, variableValues: variables, operationName })
            : { errors: document.map((error) => error.toJSON()) };
        const body = JSON.stringify(result);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      })();
    });
  });
}

const name = process.argv[2] as SubgraphName;
if (require.main === module) {
  if (!subgraphNames.includes(name)) throw new Error(`usage: serve.js <${subgraphNames.join('|')}> <port>`);
  const server = createBenchSubgraphServer(schemaOf(name));
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.argv[3]), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
