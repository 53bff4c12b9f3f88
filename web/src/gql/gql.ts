/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  subscription MessageStream($messageId: ID!, $afterSeq: Int) {\n    messageStream(messageId: $messageId, afterSeq: $afterSeq) {\n      seq\n      delta\n      done\n      error\n      status\n    }\n  }\n": typeof types.MessageStreamDocument,
    "\n  fragment ChatMessage on Message {\n    id\n    role\n    content\n    status\n    error\n    offline\n    createdAt\n    citations {\n      documentId\n      title\n      source\n      collection\n      chunkIndex\n      headingPath\n    }\n  }\n": typeof types.ChatMessageFragmentDoc,
    "\n  query ChatConversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      title\n      client {\n        id\n        fullName\n      }\n      messages(last: 100) {\n        totalCount\n        edges {\n          node {\n            ...ChatMessage\n          }\n        }\n      }\n    }\n  }\n": typeof types.ChatConversationDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      offline\n      userMessage {\n        ...ChatMessage\n      }\n      assistantMessage {\n        ...ChatMessage\n      }\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation CancelGeneration($messageId: ID!) {\n    cancelGeneration(messageId: $messageId)\n  }\n": typeof types.CancelGenerationDocument,
    "\n  query ClientList($first: Int, $after: String, $filter: ClientFilter) {\n    clients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fullName\n          email\n          nationality\n          status\n          practices {\n            id\n            type\n            status\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClientListDocument,
    "\n  query ClientPage($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      practices {\n        id\n        type\n        title\n        status\n        dueDate\n        expiryDate\n        allowedTransitions\n        assignee {\n          id\n          name\n        }\n      }\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            title\n            messageCount\n            lastMessageAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClientPageDocument,
    "\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n": typeof types.StartConversationDocument,
    "\n  mutation UpdatePracticeStatus($id: ID!, $status: PracticeStatus!) {\n    updatePracticeStatus(id: $id, status: $status) {\n      id\n      status\n      statusChangedAt\n      allowedTransitions\n    }\n  }\n": typeof types.UpdatePracticeStatusDocument,
    "\n  query KnowledgeDocument($id: ID!) {\n    knowledgeDocument(id: $id) {\n      id\n      title\n      source\n      collection\n      updatedAt\n      chunks {\n        chunkIndex\n        text\n        headingPath\n      }\n    }\n  }\n": typeof types.KnowledgeDocumentDocument,
    "\n  query SearchKnowledge($query: String!, $mode: SearchMode, $limit: Int) {\n    searchKnowledge(query: $query, mode: $mode, limit: $limit) {\n      score\n      text\n      citation {\n        documentId\n        title\n        source\n        collection\n        chunkIndex\n        headingPath\n      }\n    }\n  }\n": typeof types.SearchKnowledgeDocument,
    "\n  query ClientMemory($id: ID!) {\n    client(id: $id) {\n      id\n      memoryFacts {\n        id\n        kind\n        content\n        source\n        validFrom\n        sourceMessage {\n          id\n          conversation {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClientMemoryDocument,
    "\n  mutation RememberFact($input: RememberFactInput!) {\n    rememberFact(input: $input) {\n      id\n    }\n  }\n": typeof types.RememberFactDocument,
    "\n  mutation ForgetFact($id: ID!) {\n    forgetFact(id: $id)\n  }\n": typeof types.ForgetFactDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      member {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
};
const documents: Documents = {
    "\n  subscription MessageStream($messageId: ID!, $afterSeq: Int) {\n    messageStream(messageId: $messageId, afterSeq: $afterSeq) {\n      seq\n      delta\n      done\n      error\n      status\n    }\n  }\n": types.MessageStreamDocument,
    "\n  fragment ChatMessage on Message {\n    id\n    role\n    content\n    status\n    error\n    offline\n    createdAt\n    citations {\n      documentId\n      title\n      source\n      collection\n      chunkIndex\n      headingPath\n    }\n  }\n": types.ChatMessageFragmentDoc,
    "\n  query ChatConversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      title\n      client {\n        id\n        fullName\n      }\n      messages(last: 100) {\n        totalCount\n        edges {\n          node {\n            ...ChatMessage\n          }\n        }\n      }\n    }\n  }\n": types.ChatConversationDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      offline\n      userMessage {\n        ...ChatMessage\n      }\n      assistantMessage {\n        ...ChatMessage\n      }\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation CancelGeneration($messageId: ID!) {\n    cancelGeneration(messageId: $messageId)\n  }\n": types.CancelGenerationDocument,
    "\n  query ClientList($first: Int, $after: String, $filter: ClientFilter) {\n    clients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fullName\n          email\n          nationality\n          status\n          practices {\n            id\n            type\n            status\n          }\n        }\n      }\n    }\n  }\n": types.ClientListDocument,
    "\n  query ClientPage($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      practices {\n        id\n        type\n        title\n        status\n        dueDate\n        expiryDate\n        allowedTransitions\n        assignee {\n          id\n          name\n        }\n      }\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            title\n            messageCount\n            lastMessageAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": types.ClientPageDocument,
    "\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n": types.StartConversationDocument,
    "\n  mutation UpdatePracticeStatus($id: ID!, $status: PracticeStatus!) {\n    updatePracticeStatus(id: $id, status: $status) {\n      id\n      status\n      statusChangedAt\n      allowedTransitions\n    }\n  }\n": types.UpdatePracticeStatusDocument,
    "\n  query KnowledgeDocument($id: ID!) {\n    knowledgeDocument(id: $id) {\n      id\n      title\n      source\n      collection\n      updatedAt\n      chunks {\n        chunkIndex\n        text\n        headingPath\n      }\n    }\n  }\n": types.KnowledgeDocumentDocument,
    "\n  query SearchKnowledge($query: String!, $mode: SearchMode, $limit: Int) {\n    searchKnowledge(query: $query, mode: $mode, limit: $limit) {\n      score\n      text\n      citation {\n        documentId\n        title\n        source\n        collection\n        chunkIndex\n        headingPath\n      }\n    }\n  }\n": types.SearchKnowledgeDocument,
    "\n  query ClientMemory($id: ID!) {\n    client(id: $id) {\n      id\n      memoryFacts {\n        id\n        kind\n        content\n        source\n        validFrom\n        sourceMessage {\n          id\n          conversation {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n": types.ClientMemoryDocument,
    "\n  mutation RememberFact($input: RememberFactInput!) {\n    rememberFact(input: $input) {\n      id\n    }\n  }\n": types.RememberFactDocument,
    "\n  mutation ForgetFact($id: ID!) {\n    forgetFact(id: $id)\n  }\n": types.ForgetFactDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      member {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n": types.LoginDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageStream($messageId: ID!, $afterSeq: Int) {\n    messageStream(messageId: $messageId, afterSeq: $afterSeq) {\n      seq\n      delta\n      done\n      error\n      status\n    }\n  }\n"): (typeof documents)["\n  subscription MessageStream($messageId: ID!, $afterSeq: Int) {\n    messageStream(messageId: $messageId, afterSeq: $afterSeq) {\n      seq\n      delta\n      done\n      error\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatMessage on Message {\n    id\n    role\n    content\n    status\n    error\n    offline\n    createdAt\n    citations {\n      documentId\n      title\n      source\n      collection\n      chunkIndex\n      headingPath\n    }\n  }\n"): (typeof documents)["\n  fragment ChatMessage on Message {\n    id\n    role\n    content\n    status\n    error\n    offline\n    createdAt\n    citations {\n      documentId\n      title\n      source\n      collection\n      chunkIndex\n      headingPath\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChatConversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      title\n      client {\n        id\n        fullName\n      }\n      messages(last: 100) {\n        totalCount\n        edges {\n          node {\n            ...ChatMessage\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChatConversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      title\n      client {\n        id\n        fullName\n      }\n      messages(last: 100) {\n        totalCount\n        edges {\n          node {\n            ...ChatMessage\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      offline\n      userMessage {\n        ...ChatMessage\n      }\n      assistantMessage {\n        ...ChatMessage\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      offline\n      userMessage {\n        ...ChatMessage\n      }\n      assistantMessage {\n        ...ChatMessage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelGeneration($messageId: ID!) {\n    cancelGeneration(messageId: $messageId)\n  }\n"): (typeof documents)["\n  mutation CancelGeneration($messageId: ID!) {\n    cancelGeneration(messageId: $messageId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientList($first: Int, $after: String, $filter: ClientFilter) {\n    clients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fullName\n          email\n          nationality\n          status\n          practices {\n            id\n            type\n            status\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientList($first: Int, $after: String, $filter: ClientFilter) {\n    clients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fullName\n          email\n          nationality\n          status\n          practices {\n            id\n            type\n            status\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientPage($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      practices {\n        id\n        type\n        title\n        status\n        dueDate\n        expiryDate\n        allowedTransitions\n        assignee {\n          id\n          name\n        }\n      }\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            title\n            messageCount\n            lastMessageAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientPage($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      practices {\n        id\n        type\n        title\n        status\n        dueDate\n        expiryDate\n        allowedTransitions\n        assignee {\n          id\n          name\n        }\n      }\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            title\n            messageCount\n            lastMessageAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePracticeStatus($id: ID!, $status: PracticeStatus!) {\n    updatePracticeStatus(id: $id, status: $status) {\n      id\n      status\n      statusChangedAt\n      allowedTransitions\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePracticeStatus($id: ID!, $status: PracticeStatus!) {\n    updatePracticeStatus(id: $id, status: $status) {\n      id\n      status\n      statusChangedAt\n      allowedTransitions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KnowledgeDocument($id: ID!) {\n    knowledgeDocument(id: $id) {\n      id\n      title\n      source\n      collection\n      updatedAt\n      chunks {\n        chunkIndex\n        text\n        headingPath\n      }\n    }\n  }\n"): (typeof documents)["\n  query KnowledgeDocument($id: ID!) {\n    knowledgeDocument(id: $id) {\n      id\n      title\n      source\n      collection\n      updatedAt\n      chunks {\n        chunkIndex\n        text\n        headingPath\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchKnowledge($query: String!, $mode: SearchMode, $limit: Int) {\n    searchKnowledge(query: $query, mode: $mode, limit: $limit) {\n      score\n      text\n      citation {\n        documentId\n        title\n        source\n        collection\n        chunkIndex\n        headingPath\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchKnowledge($query: String!, $mode: SearchMode, $limit: Int) {\n    searchKnowledge(query: $query, mode: $mode, limit: $limit) {\n      score\n      text\n      citation {\n        documentId\n        title\n        source\n        collection\n        chunkIndex\n        headingPath\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientMemory($id: ID!) {\n    client(id: $id) {\n      id\n      memoryFacts {\n        id\n        kind\n        content\n        source\n        validFrom\n        sourceMessage {\n          id\n          conversation {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientMemory($id: ID!) {\n    client(id: $id) {\n      id\n      memoryFacts {\n        id\n        kind\n        content\n        source\n        validFrom\n        sourceMessage {\n          id\n          conversation {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RememberFact($input: RememberFactInput!) {\n    rememberFact(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RememberFact($input: RememberFactInput!) {\n    rememberFact(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ForgetFact($id: ID!) {\n    forgetFact(id: $id)\n  }\n"): (typeof documents)["\n  mutation ForgetFact($id: ID!) {\n    forgetFact(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      member {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      member {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;