import { postGraphQL } from '@nusa/platform/testing';
import { collect, signIn, startChatPlatform, TEST_ADMIN, type ChatPlatform } from './platform';

interface StreamEvent {
  seq: number;
  delta: string;
  done: boolean;
  status: string;
  message: {
    id: string;
    content: string;
    citations: { documentId: string; title: string }[];
    reviewed: { reviewedBy: string; reviewedAt: string; reviewedAnswer: { id: string } } | null;
  };
}

const STREAM = `subscription($id: ID!, $after: Int) {
  messageStream(messageId: $id, afterSeq: $after) {
    seq delta done status
    message { id content citations { documentId title } reviewed { reviewedBy reviewedAt reviewedAnswer { id } } }
  }
}`;
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { userMessage { id } assistantMessage { id } } }';
const SAVE = `mutation($input: SaveReviewedAnswerInput!) {
  saveReviewedAnswer(input: $input) { id question answer status reviewedBy reviewedAt sourceMessageId citations { documentId title chunkIndex } }
}`;
const REVIEWED = 'query($status: ReviewedAnswerStatus) { reviewedAnswers(status: $status) { id status reviewNote } }';

const QUESTION = 'What income do I need for the E33G remote worker KITAS?';
const PARAPHRASE = 'How much income do I need for the E33G remote worker KITAS?';
const UNRELATED = 'Which documents does the remote worker KITAS need?';
const DOCUMENT = {
  collection: 'visa_oracle',
  title: 'KITAS for remote workers (E33G)',
  source: 'https://example.org/e33g',
  text: '# Remote worker KITAS\n\nThe E33G remote worker KITAS lets a foreigner live in Bali for one year while working for a company abroad. The applicant needs proof of an annual income of at least USD 60,000.\n\n## Documents\n\n- A passport valid for at least 12 months\n- Bank statements for three months',
};

interface Saved {
  id: string;
  question: string;
  answer: string;
  status: string;
  reviewedBy: string;
  reviewedAt: string;
  sourceMessageId: string | null;
  citations: { documentId: string; title: string; chunkIndex: number }[];
}

let platform: ChatPlatform;
let adminName: string;

beforeAll(async () => {
  platform = await startChatPlatform('reviewed_e2e', { knowledge: true, offlineTokenDelayMs: 0 });
  await platform.knowledge?.documents.ingest(platform.knowledge.orm.em.fork(), DOCUMENT);
  const login = await postGraphQL<{ login: { member: { name: string } } }>(
    platform.gateway.url,
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { member { name } } }',
    TEST_ADMIN,
  );
  adminName = login.data?.login.member.name ?? '';
}, 180_000);

afterAll(async () => {
  await platform.stop();
});

/** Asks `content` in a new conversation and waits for the whole answer. */
async function ask(content: string): Promise<{ id: string; events: StreamEvent[] }> {
  const sent = await platform.query<{ sendMessage: { assistantMessage: { id: string } } }>(SEND, {
    input: { conversationId: await platform.conversation(), content },
  });
  const id = sent.data?.sendMessage.assistantMessage.id ?? '';
  const stream = collect<StreamEvent>(platform.ws(), STREAM, { id });
  await stream.done;
  expect(stream.errors).toEqual([]);
  return { id, events: stream.events };
}

describe('reviewed answers', () => {
  let saved: Saved;
  const EDITED = 'The E33G remote worker KITAS needs proof of an annual income of at least USD 60,000 [1]. Reviewed by the visa team.';

  it('saves an assistant message as reviewed, edited, with its question and citations', async () => {
    const answered = await ask(QUESTION);
    expect(answered.events.at(-1)?.message.reviewed).toBeNull();
    const cited = answered.events.at(-1)?.message.citations ?? [];
    expect(cited.map((citation) => citation.title)).toContain(DOCUMENT.title);

    const result = await platform.query<{ saveReviewedAnswer: Saved }>(SAVE, { input: { messageId: answered.id, answer: EDITED } });
    expect(result.errors).toBeUndefined();
    saved = result.data?.saveReviewedAnswer as Saved;
    expect(saved).toMatchObject({
      question: QUESTION,
      answer: EDITED,
      status: 'ACTIVE',
      reviewedBy: adminName,
      sourceMessageId: answered.id,
    });
    expect(adminName).not.toBe('');
    expect(saved.citations.map((citation) => citation.documentId)).toEqual(cited.map((citation) => citation.documentId));
  });

  it('answers a paraphrased question from it through the same stream, marked reviewed, with its citations', async () => {
    const { id, events } = await ask(PARAPHRASE);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const last = events.at(-1);
    expect(last).toMatchObject({ done: true, status: 'COMPLETE' });
    expect(events.map((event) => event.delta).join('')).toBe(EDITED);
    expect(last?.message.content).toBe(EDITED);
    expect(last?.message.reviewed).toEqual({ reviewedBy: adminName, reviewedAt: saved.reviewedAt, reviewedAnswer: { id: saved.id } });
    expect(last?.message.citations).toEqual(saved.citations.map(({ documentId, title }) => ({ documentId, title })));
    expect(last?.message.id).toBe(id);

    // Resuming replays exactly the rest, as for any answer.
    const resumed = collect<StreamEvent>(platform.ws(), STREAM, { id, after: 2 });
    await resumed.done;
    expect(resumed.events.map((event) => event.seq)).toEqual(events.slice(2).map((event) => event.seq));
    expect(resumed.events.map((event) => event.delta).join('')).toBe(
      events
        .slice(2)
        .map((event) => event.delta)
        .join(''),
    );
  });

  it('writes an answer as usual for a question that is not close to it', async () => {
    const { events } = await ask(UNRELATED);
    const last = events.at(-1);
    expect(last?.message.reviewed).toBeNull();
    expect(last?.message.content).not.toBe(EDITED);
    expect(last?.message.content).toMatch(/passport/i);
  });

  it('refuses a caller who is not an admin with FORBIDDEN, and bad input with BAD_USER_INPUT', async () => {
    const agent = await platform.query<{ inviteTeamMember: { temporaryPassword: string } }>(
      'mutation { inviteTeamMember(email: "agent.reviewed@example.com", name: "Made Agent", role: AGENT) { temporaryPassword } }',
    );
    const agentToken = await signIn(platform.gateway.url, {
      email: 'agent.reviewed@example.com',
      password: agent.data?.inviteTeamMember.temporaryPassword ?? '',
    });
    const asAgent = await postGraphQL(
      platform.gateway.url,
      SAVE,
      { input: { question: 'q', answer: 'a' } },
      { authorization: `Bearer ${agentToken}` },
    );
    expect(asAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const question = await ask('How long is a KITAS valid?');
    const conversation = await platform.query<{ sendMessage: { userMessage: { id: string } } }>(SEND, {
      input: { conversationId: await platform.conversation(), content: 'Is a user message an answer?' },
    });
    for (const input of [
      {},
      { question: 'Only a question' },
      { question: '   ', answer: 'An answer' },
      { messageId: conversation.data?.sendMessage.userMessage.id },
      { messageId: question.id, citations: [{ documentId: '00000000-0000-4000-8000-0000000000ff', chunkIndex: 0 }] },
      { messageId: 'not-an-id' },
    ]) {
      const result = await platform.query(SAVE, { input });
      expect([input, result.errors?.[0]?.extensions?.code]).toEqual([input, 'BAD_USER_INPUT']);
    }
    const listed = await platform.query<{ reviewedAnswers: { id: string }[] }>(REVIEWED, {});
    expect(listed.data?.reviewedAnswers.map((answer) => answer.id)).toEqual([saved.id]);
  });

  it('marks it NEEDS_REVIEW when the cited document is re-ingested, and no longer serves it', async () => {
    await platform.knowledge?.documents.ingest(platform.knowledge.orm.em.fork(), {
      ...DOCUMENT,
      text: DOCUMENT.text.replace('USD 60,000', 'USD 70,000'),
    });
    const review = await platform.query<{ reviewedAnswers: { id: string; status: string; reviewNote: string }[] }>(REVIEWED, {
      status: 'NEEDS_REVIEW',
    });
    expect(review.data?.reviewedAnswers).toEqual([
      { id: saved.id, status: 'NEEDS_REVIEW', reviewNote: expect.stringContaining(`${DOCUMENT.title} was re-ingested`) as string },
    ]);
    const { events } = await ask(PARAPHRASE);
    expect(events.at(-1)?.message.reviewed).toBeNull();
    expect(events.at(-1)?.message.content).toContain('70,000');
  });

  it('serves it again once an admin reviews it again with the new citation, and not after it is retired', async () => {
    const hits = await platform.query<{ searchKnowledge: { citation: { documentId: string; chunkIndex: number } }[] }>(
      'query { searchKnowledge(query: "remote worker KITAS income") { citation { documentId chunkIndex } } }',
    );
    const citation = hits.data?.searchKnowledge[0]?.citation;
    const again = await platform.query<{ saveReviewedAnswer: Saved }>(SAVE, {
      input: { id: saved.id, question: QUESTION, answer: 'At least USD 70,000 a year [1].', citations: [citation] },
    });
    expect(again.data?.saveReviewedAnswer).toMatchObject({ id: saved.id, status: 'ACTIVE' });
    expect((await ask(PARAPHRASE)).events.at(-1)?.message.content).toBe('At least USD 70,000 a year [1].');

    const retired = await platform.query<{ retireReviewedAnswer: { status: string } }>(
      'mutation($id: ID!) { retireReviewedAnswer(id: $id) { status } }',
      { id: saved.id },
    );
    expect(retired.data?.retireReviewedAnswer.status).toBe('RETIRED');
    expect((await ask(PARAPHRASE)).events.at(-1)?.message.reviewed).toBeNull();
  });
});
