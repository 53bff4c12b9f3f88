import { textStream, type FakeReply, type FakeRequest } from '@nusa/platform/testing';

/** A passage as the system prompt numbers it. */
export interface PromptPassage {
  number: number;
  text: string;
}

/** The numbered passages of a system prompt: each `[n] title` line and the lines up to the next one or the prompt's end. */
export function promptPassages(system: string): PromptPassage[] {
  const start = system.search(/^Knowledge passages[^\n]*:$/m);
  if (start === -1) return [];
  const passages: PromptPassage[] = [];
  for (const line of system.slice(start).split('\n').slice(1)) {
    const opening = /^\[(\d{1,3})\] /.exec(line);
    if (opening) passages.push({ number: Number(opening[1]), text: '' });
    else if (passages.length > 0) (passages[passages.length - 1] as PromptPassage).text += `${line}\n`;
  }
  return passages;
}

/**
 * The fake model's reply in the answer evaluation: every passage the system prompt grounds the
 * answer in, repeated with its [n]; no passage, the no-answer sentence. It measures what grounding
 * reaches the model (facts delivered, irrelevant passages delivered), not what a model does with it.
 */
export function groundingEcho(request: FakeRequest): FakeReply {
  const system = typeof request.body.system === 'string' ? request.body.system : '';
  const passages = promptPassages(system);
  if (passages.length === 0) return textStream('The knowledge base does not answer this question.');
  return textStream(
    passages
      .map(
        ({ number, text }) =>
          `${text
            .replace(/^#+\s.*$/gm, '')
            .replace(/\s+/g, ' ')
            .trim()} [${number}]`,
      )
      .join('\n\n'),
  );
}
