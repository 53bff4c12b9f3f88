import { join } from 'node:path';
import { committedSdl } from '@nusa/subgraph/testing';
import { buildChatSchema } from './schema';

it('keeps the committed schema.graphql equal to what the code emits (npm run compose writes it)', async () => {
  const { emitted, committed } = await committedSdl(buildChatSchema, join(__dirname, '..'));
  expect(emitted).toBe(committed);
});
