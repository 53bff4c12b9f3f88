import { graphql } from '../gql';

export const CHAT_MESSAGE = graphql(`
  fragment ChatMessage on Message {
    id
    role
    content
    status
    error
    offline
    createdAt
    citations {
      documentId
      title
      source
      collection
      chunkIndex
      headingPath
    }
  }
`);

/**
 * Who reviewed an answer served from a reviewed answer. Resolved by the knowledge subgraph, so it is
 * read with the conversation only (a message just sent is never reviewed yet), and a knowledge
 * outage leaves it null instead of failing the chat.
 */
export const CHAT_REVIEW_MARK = graphql(`
  fragment ChatReviewMark on Message {
    reviewed {
      reviewedBy
      reviewedAt
    }
  }
`);

export const CHAT_CONVERSATION = graphql(`
  query ChatConversation($id: ID!) {
    conversation(id: $id) {
      id
      title
      client {
        id
        fullName
      }
      messages(last: 100) {
        totalCount
        edges {
          node {
            ...ChatMessage
            ...ChatReviewMark
          }
        }
      }
    }
  }
`);

export const SEND_MESSAGE = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      offline
      userMessage {
        ...ChatMessage
      }
      assistantMessage {
        ...ChatMessage
      }
    }
  }
`);

export const CANCEL_GENERATION = graphql(`
  mutation CancelGeneration($messageId: ID!) {
    cancelGeneration(messageId: $messageId)
  }
`);

/** Saves a complete assistant message as a reviewed answer (administrators); `answer` only when edited. */
export const SAVE_REVIEWED_ANSWER = graphql(`
  mutation SaveReviewedAnswer($input: SaveReviewedAnswerInput!) {
    saveReviewedAnswer(input: $input) {
      id
      question
      answer
      status
      reviewedBy
      reviewedAt
    }
  }
`);
