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
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      status\n      expiresAt\n      lastUsedAt\n      createdAt\n      revokedAt\n      createdBy {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query CrmAuditLog(\n    $actorId: ID\n    $entityType: AuditEntityType\n    $entityId: ID\n    $from: DateTimeISO\n    $to: DateTimeISO\n    $first: Int\n    $after: String\n  ) {\n    auditLog(actorId: $actorId, entityType: $entityType, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n": typeof types.CrmAuditLogDocument,
    "\n  query MemoryAuditLog($actorId: ID, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {\n    memoryAuditLog(actorId: $actorId, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          clientId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n": typeof types.MemoryAuditLogDocument,
    "\n  query KnowledgeAuditLog($actorId: ID, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {\n    knowledgeAuditLog(actorId: $actorId, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n": typeof types.KnowledgeAuditLogDocument,
    "\n  query AuditActors {\n    allTeamMembers {\n      id\n      name\n      email\n    }\n    apiKeys {\n      id\n      name\n    }\n  }\n": typeof types.AuditActorsDocument,
    "\n  query KnowledgeCollections {\n    knowledgeCollections {\n      name\n      description\n      documentCount\n      chunkCount\n      embedder\n    }\n  }\n": typeof types.KnowledgeCollectionsDocument,
    "\n  mutation IngestDocument($input: IngestDocumentInput!) {\n    ingestDocument(input: $input) {\n      id\n      title\n      chunks {\n        chunkIndex\n      }\n    }\n  }\n": typeof types.IngestDocumentDocument,
    "\n  mutation DeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n": typeof types.DeleteDocumentDocument,
    "\n  query AllTeamMembers {\n    allTeamMembers {\n      id\n      name\n      email\n      role\n      active\n      createdAt\n    }\n  }\n": typeof types.AllTeamMembersDocument,
    "\n  mutation InviteTeamMember($email: String!, $name: String!, $role: Role!) {\n    inviteTeamMember(email: $email, name: $name, role: $role) {\n      temporaryPassword\n      member {\n        id\n        name\n        email\n        role\n        active\n        createdAt\n      }\n    }\n  }\n": typeof types.InviteTeamMemberDocument,
    "\n  mutation DeactivateTeamMember($id: ID!) {\n    deactivateTeamMember(id: $id) {\n      id\n      active\n    }\n  }\n": typeof types.DeactivateTeamMemberDocument,
    "\n  subscription MessageStream($messageId: ID!, $afterSeq: Int) {\n    messageStream(messageId: $messageId, afterSeq: $afterSeq) {\n      seq\n      delta\n      done\n      error\n      status\n    }\n  }\n": typeof types.MessageStreamDocument,
    "\n  fragment ChatMessage on Message {\n    id\n    role\n    content\n    status\n    error\n    offline\n    createdAt\n    citations {\n      documentId\n      title\n      source\n      collection\n      chunkIndex\n      headingPath\n    }\n  }\n": typeof types.ChatMessageFragmentDoc,
    "\n  fragment ChatReviewMark on Message {\n    reviewed {\n      reviewedBy\n      reviewedAt\n    }\n  }\n": typeof types.ChatReviewMarkFragmentDoc,
    "\n  query ChatConversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      title\n      client {\n        id\n        fullName\n      }\n      messages(last: 100) {\n        totalCount\n        edges {\n          node {\n            ...ChatMessage\n            ...ChatReviewMark\n          }\n        }\n      }\n    }\n  }\n": typeof types.ChatConversationDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      offline\n      userMessage {\n        ...ChatMessage\n      }\n      assistantMessage {\n        ...ChatMessage\n      }\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation CancelGeneration($messageId: ID!) {\n    cancelGeneration(messageId: $messageId)\n  }\n": typeof types.CancelGenerationDocument,
    "\n  mutation SaveReviewedAnswer($input: SaveReviewedAnswerInput!) {\n    saveReviewedAnswer(input: $input) {\n      id\n      question\n      answer\n      status\n      reviewedBy\n      reviewedAt\n    }\n  }\n": typeof types.SaveReviewedAnswerDocument,
    "\n  subscription ConversationEvents($conversationId: ID!) {\n    conversationEvents(conversationId: $conversationId) {\n      kind\n      conversation {\n        id\n        messageCount\n      }\n      message {\n        id\n        role\n        status\n        content\n      }\n    }\n  }\n": typeof types.ConversationEventsDocument,
    "\n  query ClientActivity($id: ID!, $first: Int!, $after: String) {\n    client(id: $id) {\n      id\n      activity(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            at\n            action\n            actorName\n            actor {\n              id\n              name\n            }\n            changes {\n              field\n              before\n              after\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClientActivityDocument,
    "\n  query ClientForEdit($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n    }\n  }\n": typeof types.ClientForEditDocument,
    "\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateClientDocument,
    "\n  mutation UpdateClient($id: ID!, $input: UpdateClientInput!) {\n    updateClient(id: $id, input: $input) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      updatedAt\n    }\n  }\n": typeof types.UpdateClientDocument,
    "\n  query ClientList($first: Int, $after: String, $filter: ClientFilter) {\n    clients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fullName\n          email\n          nationality\n          status\n          practices {\n            id\n            type\n            status\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClientListDocument,
    "\n  query ClientPage($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      practices {\n        id\n        type\n        title\n        status\n        dueDate\n        expiryDate\n        allowedTransitions\n        assignee {\n          id\n          name\n        }\n      }\n      interactions {\n        id\n        channel\n        summary\n        occurredAt\n        author {\n          id\n          name\n        }\n        practice {\n          id\n          title\n        }\n      }\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            title\n            messageCount\n            lastMessageAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClientPageDocument,
    "\n  subscription ClientEvents($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      entry {\n        id\n        action\n        actorName\n      }\n      practice {\n        id\n        status\n        statusChangedAt\n        allowedTransitions\n      }\n    }\n  }\n": typeof types.ClientEventsDocument,
    "\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n": typeof types.StartConversationDocument,
    "\n  subscription HomeDeadlines($withinDays: Int!) {\n    practiceDeadlines(withinDays: $withinDays) {\n      practice {\n        id\n      }\n    }\n  }\n": typeof types.HomeDeadlinesDocument,
    "\n  subscription HomeClientChanges($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      entry {\n        id\n      }\n    }\n  }\n": typeof types.HomeClientChangesDocument,
    "\n  query TodaysWork($withinDays: Int!) {\n    upcomingDeadlines(withinDays: $withinDays, includeOverdue: true) {\n      id\n      type\n      title\n      status\n      dueDate\n      expiryDate\n      client {\n        id\n        fullName\n      }\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": typeof types.TodaysWorkDocument,
    "\n  query MyOpenPractices {\n    practices(first: 100, filter: { assignedToMe: true, open: true }) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          title\n          status\n          client {\n            id\n            fullName\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyOpenPracticesDocument,
    "\n  mutation LogInteraction($input: LogInteractionInput!) {\n    logInteraction(input: $input) {\n      id\n    }\n  }\n": typeof types.LogInteractionDocument,
    "\n  query KnowledgeDocument($id: ID!) {\n    knowledgeDocument(id: $id) {\n      id\n      title\n      source\n      collection\n      updatedAt\n      chunks {\n        chunkIndex\n        text\n        headingPath\n      }\n    }\n  }\n": typeof types.KnowledgeDocumentDocument,
    "\n  query SearchKnowledge($query: String!, $mode: SearchMode, $limit: Int) {\n    searchKnowledge(query: $query, mode: $mode, limit: $limit) {\n      score\n      text\n      citation {\n        documentId\n        title\n        source\n        collection\n        chunkIndex\n        headingPath\n      }\n    }\n  }\n": typeof types.SearchKnowledgeDocument,
    "\n  query ClientMemory($id: ID!) {\n    client(id: $id) {\n      id\n      memoryFacts {\n        id\n        kind\n        content\n        source\n        validFrom\n        sourceMessage {\n          id\n          conversation {\n            id\n            title\n          }\n        }\n      }\n      memoryActivity(first: 10) {\n        totalCount\n        edges {\n          node {\n            id\n            at\n            action\n            actorName\n            changes {\n              field\n              before\n              after\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClientMemoryDocument,
    "\n  mutation RememberFact($input: RememberFactInput!) {\n    rememberFact(input: $input) {\n      id\n    }\n  }\n": typeof types.RememberFactDocument,
    "\n  mutation ForgetFact($id: ID!) {\n    forgetFact(id: $id)\n  }\n": typeof types.ForgetFactDocument,
    "\n  query TeamMembers {\n    teamMembers {\n      id\n      name\n      email\n      role\n      active\n      createdAt\n    }\n  }\n": typeof types.TeamMembersDocument,
    "\n  mutation AssignPractice($id: ID!, $assigneeId: ID) {\n    assignPractice(id: $id, assigneeId: $assigneeId) {\n      id\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AssignPracticeDocument,
    "\n  mutation SetPracticeDocument($practiceId: ID!, $document: String!, $state: DocumentState!) {\n    setPracticeDocument(practiceId: $practiceId, document: $document, state: $state) {\n      id\n      documents {\n        name\n        state\n        updatedAt\n        updatedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.SetPracticeDocumentDocument,
    "\n  query ServiceCatalog {\n    serviceCatalog {\n      code\n      type\n      name\n      description\n      priceIdr\n      typicalDurationDays\n      requiredDocuments\n    }\n  }\n": typeof types.ServiceCatalogDocument,
    "\n  query ClientName($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n    }\n  }\n": typeof types.ClientNameDocument,
    "\n  mutation OpenPractice($input: OpenPracticeInput!) {\n    openPractice(input: $input) {\n      id\n    }\n  }\n": typeof types.OpenPracticeDocument,
    "\n  query PracticePage($id: ID!) {\n    practice(id: $id) {\n      id\n      type\n      title\n      status\n      dueDate\n      expiryDate\n      notes\n      statusChangedAt\n      createdAt\n      allowedTransitions\n      client {\n        id\n        fullName\n      }\n      assignee {\n        id\n        name\n      }\n      documents {\n        name\n        state\n        updatedAt\n        updatedBy {\n          id\n          name\n        }\n      }\n      history {\n        id\n        at\n        action\n        actorName\n        actor {\n          id\n          name\n        }\n        changes {\n          field\n          before\n          after\n        }\n      }\n      interactions {\n        id\n        channel\n        summary\n        occurredAt\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.PracticePageDocument,
    "\n  subscription PracticeChanges($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      practice {\n        id\n      }\n    }\n  }\n": typeof types.PracticeChangesDocument,
    "\n  mutation UpdatePracticeStatus($id: ID!, $status: PracticeStatus!) {\n    updatePracticeStatus(id: $id, status: $status) {\n      id\n      status\n      statusChangedAt\n      allowedTransitions\n    }\n  }\n": typeof types.UpdatePracticeStatusDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      member {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
};
const documents: Documents = {
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      status\n      expiresAt\n      lastUsedAt\n      createdAt\n      revokedAt\n      createdBy {\n        id\n        name\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  query CrmAuditLog(\n    $actorId: ID\n    $entityType: AuditEntityType\n    $entityId: ID\n    $from: DateTimeISO\n    $to: DateTimeISO\n    $first: Int\n    $after: String\n  ) {\n    auditLog(actorId: $actorId, entityType: $entityType, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n": types.CrmAuditLogDocument,
    "\n  query MemoryAuditLog($actorId: ID, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {\n    memoryAuditLog(actorId: $actorId, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          clientId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n": types.MemoryAuditLogDocument,
    "\n  query KnowledgeAuditLog($actorId: ID, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {\n    knowledgeAuditLog(actorId: $actorId, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n": types.KnowledgeAuditLogDocument,
    "\n  query AuditActors {\n    allTeamMembers {\n      id\n      name\n      email\n    }\n    apiKeys {\n      id\n      name\n    }\n  }\n": types.AuditActorsDocument,
    "\n  query KnowledgeCollections {\n    knowledgeCollections {\n      name\n      description\n      documentCount\n      chunkCount\n      embedder\n    }\n  }\n": types.KnowledgeCollectionsDocument,
    "\n  mutation IngestDocument($input: IngestDocumentInput!) {\n    ingestDocument(input: $input) {\n      id\n      title\n      chunks {\n        chunkIndex\n      }\n    }\n  }\n": types.IngestDocumentDocument,
    "\n  mutation DeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n": types.DeleteDocumentDocument,
    "\n  query AllTeamMembers {\n    allTeamMembers {\n      id\n      name\n      email\n      role\n      active\n      createdAt\n    }\n  }\n": types.AllTeamMembersDocument,
    "\n  mutation InviteTeamMember($email: String!, $name: String!, $role: Role!) {\n    inviteTeamMember(email: $email, name: $name, role: $role) {\n      temporaryPassword\n      member {\n        id\n        name\n        email\n        role\n        active\n        createdAt\n      }\n    }\n  }\n": types.InviteTeamMemberDocument,
    "\n  mutation DeactivateTeamMember($id: ID!) {\n    deactivateTeamMember(id: $id) {\n      id\n      active\n    }\n  }\n": types.DeactivateTeamMemberDocument,
    "\n  subscription MessageStream($messageId: ID!, $afterSeq: Int) {\n    messageStream(messageId: $messageId, afterSeq: $afterSeq) {\n      seq\n      delta\n      done\n      error\n      status\n    }\n  }\n": types.MessageStreamDocument,
    "\n  fragment ChatMessage on Message {\n    id\n    role\n    content\n    status\n    error\n    offline\n    createdAt\n    citations {\n      documentId\n      title\n      source\n      collection\n      chunkIndex\n      headingPath\n    }\n  }\n": types.ChatMessageFragmentDoc,
    "\n  fragment ChatReviewMark on Message {\n    reviewed {\n      reviewedBy\n      reviewedAt\n    }\n  }\n": types.ChatReviewMarkFragmentDoc,
    "\n  query ChatConversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      title\n      client {\n        id\n        fullName\n      }\n      messages(last: 100) {\n        totalCount\n        edges {\n          node {\n            ...ChatMessage\n            ...ChatReviewMark\n          }\n        }\n      }\n    }\n  }\n": types.ChatConversationDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      offline\n      userMessage {\n        ...ChatMessage\n      }\n      assistantMessage {\n        ...ChatMessage\n      }\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation CancelGeneration($messageId: ID!) {\n    cancelGeneration(messageId: $messageId)\n  }\n": types.CancelGenerationDocument,
    "\n  mutation SaveReviewedAnswer($input: SaveReviewedAnswerInput!) {\n    saveReviewedAnswer(input: $input) {\n      id\n      question\n      answer\n      status\n      reviewedBy\n      reviewedAt\n    }\n  }\n": types.SaveReviewedAnswerDocument,
    "\n  subscription ConversationEvents($conversationId: ID!) {\n    conversationEvents(conversationId: $conversationId) {\n      kind\n      conversation {\n        id\n        messageCount\n      }\n      message {\n        id\n        role\n        status\n        content\n      }\n    }\n  }\n": types.ConversationEventsDocument,
    "\n  query ClientActivity($id: ID!, $first: Int!, $after: String) {\n    client(id: $id) {\n      id\n      activity(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            at\n            action\n            actorName\n            actor {\n              id\n              name\n            }\n            changes {\n              field\n              before\n              after\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ClientActivityDocument,
    "\n  query ClientForEdit($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n    }\n  }\n": types.ClientForEditDocument,
    "\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) {\n      id\n    }\n  }\n": types.CreateClientDocument,
    "\n  mutation UpdateClient($id: ID!, $input: UpdateClientInput!) {\n    updateClient(id: $id, input: $input) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      updatedAt\n    }\n  }\n": types.UpdateClientDocument,
    "\n  query ClientList($first: Int, $after: String, $filter: ClientFilter) {\n    clients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fullName\n          email\n          nationality\n          status\n          practices {\n            id\n            type\n            status\n          }\n        }\n      }\n    }\n  }\n": types.ClientListDocument,
    "\n  query ClientPage($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      practices {\n        id\n        type\n        title\n        status\n        dueDate\n        expiryDate\n        allowedTransitions\n        assignee {\n          id\n          name\n        }\n      }\n      interactions {\n        id\n        channel\n        summary\n        occurredAt\n        author {\n          id\n          name\n        }\n        practice {\n          id\n          title\n        }\n      }\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            title\n            messageCount\n            lastMessageAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": types.ClientPageDocument,
    "\n  subscription ClientEvents($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      entry {\n        id\n        action\n        actorName\n      }\n      practice {\n        id\n        status\n        statusChangedAt\n        allowedTransitions\n      }\n    }\n  }\n": types.ClientEventsDocument,
    "\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n": types.StartConversationDocument,
    "\n  subscription HomeDeadlines($withinDays: Int!) {\n    practiceDeadlines(withinDays: $withinDays) {\n      practice {\n        id\n      }\n    }\n  }\n": types.HomeDeadlinesDocument,
    "\n  subscription HomeClientChanges($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      entry {\n        id\n      }\n    }\n  }\n": types.HomeClientChangesDocument,
    "\n  query TodaysWork($withinDays: Int!) {\n    upcomingDeadlines(withinDays: $withinDays, includeOverdue: true) {\n      id\n      type\n      title\n      status\n      dueDate\n      expiryDate\n      client {\n        id\n        fullName\n      }\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": types.TodaysWorkDocument,
    "\n  query MyOpenPractices {\n    practices(first: 100, filter: { assignedToMe: true, open: true }) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          title\n          status\n          client {\n            id\n            fullName\n          }\n        }\n      }\n    }\n  }\n": types.MyOpenPracticesDocument,
    "\n  mutation LogInteraction($input: LogInteractionInput!) {\n    logInteraction(input: $input) {\n      id\n    }\n  }\n": types.LogInteractionDocument,
    "\n  query KnowledgeDocument($id: ID!) {\n    knowledgeDocument(id: $id) {\n      id\n      title\n      source\n      collection\n      updatedAt\n      chunks {\n        chunkIndex\n        text\n        headingPath\n      }\n    }\n  }\n": types.KnowledgeDocumentDocument,
    "\n  query SearchKnowledge($query: String!, $mode: SearchMode, $limit: Int) {\n    searchKnowledge(query: $query, mode: $mode, limit: $limit) {\n      score\n      text\n      citation {\n        documentId\n        title\n        source\n        collection\n        chunkIndex\n        headingPath\n      }\n    }\n  }\n": types.SearchKnowledgeDocument,
    "\n  query ClientMemory($id: ID!) {\n    client(id: $id) {\n      id\n      memoryFacts {\n        id\n        kind\n        content\n        source\n        validFrom\n        sourceMessage {\n          id\n          conversation {\n            id\n            title\n          }\n        }\n      }\n      memoryActivity(first: 10) {\n        totalCount\n        edges {\n          node {\n            id\n            at\n            action\n            actorName\n            changes {\n              field\n              before\n              after\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ClientMemoryDocument,
    "\n  mutation RememberFact($input: RememberFactInput!) {\n    rememberFact(input: $input) {\n      id\n    }\n  }\n": types.RememberFactDocument,
    "\n  mutation ForgetFact($id: ID!) {\n    forgetFact(id: $id)\n  }\n": types.ForgetFactDocument,
    "\n  query TeamMembers {\n    teamMembers {\n      id\n      name\n      email\n      role\n      active\n      createdAt\n    }\n  }\n": types.TeamMembersDocument,
    "\n  mutation AssignPractice($id: ID!, $assigneeId: ID) {\n    assignPractice(id: $id, assigneeId: $assigneeId) {\n      id\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": types.AssignPracticeDocument,
    "\n  mutation SetPracticeDocument($practiceId: ID!, $document: String!, $state: DocumentState!) {\n    setPracticeDocument(practiceId: $practiceId, document: $document, state: $state) {\n      id\n      documents {\n        name\n        state\n        updatedAt\n        updatedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.SetPracticeDocumentDocument,
    "\n  query ServiceCatalog {\n    serviceCatalog {\n      code\n      type\n      name\n      description\n      priceIdr\n      typicalDurationDays\n      requiredDocuments\n    }\n  }\n": types.ServiceCatalogDocument,
    "\n  query ClientName($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n    }\n  }\n": types.ClientNameDocument,
    "\n  mutation OpenPractice($input: OpenPracticeInput!) {\n    openPractice(input: $input) {\n      id\n    }\n  }\n": types.OpenPracticeDocument,
    "\n  query PracticePage($id: ID!) {\n    practice(id: $id) {\n      id\n      type\n      title\n      status\n      dueDate\n      expiryDate\n      notes\n      statusChangedAt\n      createdAt\n      allowedTransitions\n      client {\n        id\n        fullName\n      }\n      assignee {\n        id\n        name\n      }\n      documents {\n        name\n        state\n        updatedAt\n        updatedBy {\n          id\n          name\n        }\n      }\n      history {\n        id\n        at\n        action\n        actorName\n        actor {\n          id\n          name\n        }\n        changes {\n          field\n          before\n          after\n        }\n      }\n      interactions {\n        id\n        channel\n        summary\n        occurredAt\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.PracticePageDocument,
    "\n  subscription PracticeChanges($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      practice {\n        id\n      }\n    }\n  }\n": types.PracticeChangesDocument,
    "\n  mutation UpdatePracticeStatus($id: ID!, $status: PracticeStatus!) {\n    updatePracticeStatus(id: $id, status: $status) {\n      id\n      status\n      statusChangedAt\n      allowedTransitions\n    }\n  }\n": types.UpdatePracticeStatusDocument,
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
export function graphql(source: "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      status\n      expiresAt\n      lastUsedAt\n      createdAt\n      revokedAt\n      createdBy {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      status\n      expiresAt\n      lastUsedAt\n      createdAt\n      revokedAt\n      createdBy {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CrmAuditLog(\n    $actorId: ID\n    $entityType: AuditEntityType\n    $entityId: ID\n    $from: DateTimeISO\n    $to: DateTimeISO\n    $first: Int\n    $after: String\n  ) {\n    auditLog(actorId: $actorId, entityType: $entityType, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CrmAuditLog(\n    $actorId: ID\n    $entityType: AuditEntityType\n    $entityId: ID\n    $from: DateTimeISO\n    $to: DateTimeISO\n    $first: Int\n    $after: String\n  ) {\n    auditLog(actorId: $actorId, entityType: $entityType, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemoryAuditLog($actorId: ID, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {\n    memoryAuditLog(actorId: $actorId, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          clientId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MemoryAuditLog($actorId: ID, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {\n    memoryAuditLog(actorId: $actorId, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          clientId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KnowledgeAuditLog($actorId: ID, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {\n    knowledgeAuditLog(actorId: $actorId, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query KnowledgeAuditLog($actorId: ID, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {\n    knowledgeAuditLog(actorId: $actorId, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorName\n          entityType\n          entityId\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditActors {\n    allTeamMembers {\n      id\n      name\n      email\n    }\n    apiKeys {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query AuditActors {\n    allTeamMembers {\n      id\n      name\n      email\n    }\n    apiKeys {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KnowledgeCollections {\n    knowledgeCollections {\n      name\n      description\n      documentCount\n      chunkCount\n      embedder\n    }\n  }\n"): (typeof documents)["\n  query KnowledgeCollections {\n    knowledgeCollections {\n      name\n      description\n      documentCount\n      chunkCount\n      embedder\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestDocument($input: IngestDocumentInput!) {\n    ingestDocument(input: $input) {\n      id\n      title\n      chunks {\n        chunkIndex\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IngestDocument($input: IngestDocumentInput!) {\n    ingestDocument(input: $input) {\n      id\n      title\n      chunks {\n        chunkIndex\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllTeamMembers {\n    allTeamMembers {\n      id\n      name\n      email\n      role\n      active\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query AllTeamMembers {\n    allTeamMembers {\n      id\n      name\n      email\n      role\n      active\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteTeamMember($email: String!, $name: String!, $role: Role!) {\n    inviteTeamMember(email: $email, name: $name, role: $role) {\n      temporaryPassword\n      member {\n        id\n        name\n        email\n        role\n        active\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InviteTeamMember($email: String!, $name: String!, $role: Role!) {\n    inviteTeamMember(email: $email, name: $name, role: $role) {\n      temporaryPassword\n      member {\n        id\n        name\n        email\n        role\n        active\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateTeamMember($id: ID!) {\n    deactivateTeamMember(id: $id) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivateTeamMember($id: ID!) {\n    deactivateTeamMember(id: $id) {\n      id\n      active\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment ChatReviewMark on Message {\n    reviewed {\n      reviewedBy\n      reviewedAt\n    }\n  }\n"): (typeof documents)["\n  fragment ChatReviewMark on Message {\n    reviewed {\n      reviewedBy\n      reviewedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChatConversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      title\n      client {\n        id\n        fullName\n      }\n      messages(last: 100) {\n        totalCount\n        edges {\n          node {\n            ...ChatMessage\n            ...ChatReviewMark\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChatConversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      title\n      client {\n        id\n        fullName\n      }\n      messages(last: 100) {\n        totalCount\n        edges {\n          node {\n            ...ChatMessage\n            ...ChatReviewMark\n          }\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation SaveReviewedAnswer($input: SaveReviewedAnswerInput!) {\n    saveReviewedAnswer(input: $input) {\n      id\n      question\n      answer\n      status\n      reviewedBy\n      reviewedAt\n    }\n  }\n"): (typeof documents)["\n  mutation SaveReviewedAnswer($input: SaveReviewedAnswerInput!) {\n    saveReviewedAnswer(input: $input) {\n      id\n      question\n      answer\n      status\n      reviewedBy\n      reviewedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConversationEvents($conversationId: ID!) {\n    conversationEvents(conversationId: $conversationId) {\n      kind\n      conversation {\n        id\n        messageCount\n      }\n      message {\n        id\n        role\n        status\n        content\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ConversationEvents($conversationId: ID!) {\n    conversationEvents(conversationId: $conversationId) {\n      kind\n      conversation {\n        id\n        messageCount\n      }\n      message {\n        id\n        role\n        status\n        content\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientActivity($id: ID!, $first: Int!, $after: String) {\n    client(id: $id) {\n      id\n      activity(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            at\n            action\n            actorName\n            actor {\n              id\n              name\n            }\n            changes {\n              field\n              before\n              after\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientActivity($id: ID!, $first: Int!, $after: String) {\n    client(id: $id) {\n      id\n      activity(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            at\n            action\n            actorName\n            actor {\n              id\n              name\n            }\n            changes {\n              field\n              before\n              after\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientForEdit($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n    }\n  }\n"): (typeof documents)["\n  query ClientForEdit($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateClient($id: ID!, $input: UpdateClientInput!) {\n    updateClient(id: $id, input: $input) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateClient($id: ID!, $input: UpdateClientInput!) {\n    updateClient(id: $id, input: $input) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientList($first: Int, $after: String, $filter: ClientFilter) {\n    clients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fullName\n          email\n          nationality\n          status\n          practices {\n            id\n            type\n            status\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientList($first: Int, $after: String, $filter: ClientFilter) {\n    clients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fullName\n          email\n          nationality\n          status\n          practices {\n            id\n            type\n            status\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientPage($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      practices {\n        id\n        type\n        title\n        status\n        dueDate\n        expiryDate\n        allowedTransitions\n        assignee {\n          id\n          name\n        }\n      }\n      interactions {\n        id\n        channel\n        summary\n        occurredAt\n        author {\n          id\n          name\n        }\n        practice {\n          id\n          title\n        }\n      }\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            title\n            messageCount\n            lastMessageAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientPage($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n      email\n      phone\n      nationality\n      status\n      notes\n      practices {\n        id\n        type\n        title\n        status\n        dueDate\n        expiryDate\n        allowedTransitions\n        assignee {\n          id\n          name\n        }\n      }\n      interactions {\n        id\n        channel\n        summary\n        occurredAt\n        author {\n          id\n          name\n        }\n        practice {\n          id\n          title\n        }\n      }\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            title\n            messageCount\n            lastMessageAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ClientEvents($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      entry {\n        id\n        action\n        actorName\n      }\n      practice {\n        id\n        status\n        statusChangedAt\n        allowedTransitions\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ClientEvents($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      entry {\n        id\n        action\n        actorName\n      }\n      practice {\n        id\n        status\n        statusChangedAt\n        allowedTransitions\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription HomeDeadlines($withinDays: Int!) {\n    practiceDeadlines(withinDays: $withinDays) {\n      practice {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription HomeDeadlines($withinDays: Int!) {\n    practiceDeadlines(withinDays: $withinDays) {\n      practice {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription HomeClientChanges($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      entry {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription HomeClientChanges($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      entry {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TodaysWork($withinDays: Int!) {\n    upcomingDeadlines(withinDays: $withinDays, includeOverdue: true) {\n      id\n      type\n      title\n      status\n      dueDate\n      expiryDate\n      client {\n        id\n        fullName\n      }\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query TodaysWork($withinDays: Int!) {\n    upcomingDeadlines(withinDays: $withinDays, includeOverdue: true) {\n      id\n      type\n      title\n      status\n      dueDate\n      expiryDate\n      client {\n        id\n        fullName\n      }\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOpenPractices {\n    practices(first: 100, filter: { assignedToMe: true, open: true }) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          title\n          status\n          client {\n            id\n            fullName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyOpenPractices {\n    practices(first: 100, filter: { assignedToMe: true, open: true }) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          title\n          status\n          client {\n            id\n            fullName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogInteraction($input: LogInteractionInput!) {\n    logInteraction(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation LogInteraction($input: LogInteractionInput!) {\n    logInteraction(input: $input) {\n      id\n    }\n  }\n"];
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
export function graphql(source: "\n  query ClientMemory($id: ID!) {\n    client(id: $id) {\n      id\n      memoryFacts {\n        id\n        kind\n        content\n        source\n        validFrom\n        sourceMessage {\n          id\n          conversation {\n            id\n            title\n          }\n        }\n      }\n      memoryActivity(first: 10) {\n        totalCount\n        edges {\n          node {\n            id\n            at\n            action\n            actorName\n            changes {\n              field\n              before\n              after\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientMemory($id: ID!) {\n    client(id: $id) {\n      id\n      memoryFacts {\n        id\n        kind\n        content\n        source\n        validFrom\n        sourceMessage {\n          id\n          conversation {\n            id\n            title\n          }\n        }\n      }\n      memoryActivity(first: 10) {\n        totalCount\n        edges {\n          node {\n            id\n            at\n            action\n            actorName\n            changes {\n              field\n              before\n              after\n            }\n          }\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query TeamMembers {\n    teamMembers {\n      id\n      name\n      email\n      role\n      active\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query TeamMembers {\n    teamMembers {\n      id\n      name\n      email\n      role\n      active\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignPractice($id: ID!, $assigneeId: ID) {\n    assignPractice(id: $id, assigneeId: $assigneeId) {\n      id\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AssignPractice($id: ID!, $assigneeId: ID) {\n    assignPractice(id: $id, assigneeId: $assigneeId) {\n      id\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPracticeDocument($practiceId: ID!, $document: String!, $state: DocumentState!) {\n    setPracticeDocument(practiceId: $practiceId, document: $document, state: $state) {\n      id\n      documents {\n        name\n        state\n        updatedAt\n        updatedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetPracticeDocument($practiceId: ID!, $document: String!, $state: DocumentState!) {\n    setPracticeDocument(practiceId: $practiceId, document: $document, state: $state) {\n      id\n      documents {\n        name\n        state\n        updatedAt\n        updatedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServiceCatalog {\n    serviceCatalog {\n      code\n      type\n      name\n      description\n      priceIdr\n      typicalDurationDays\n      requiredDocuments\n    }\n  }\n"): (typeof documents)["\n  query ServiceCatalog {\n    serviceCatalog {\n      code\n      type\n      name\n      description\n      priceIdr\n      typicalDurationDays\n      requiredDocuments\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientName($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  query ClientName($id: ID!) {\n    client(id: $id) {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenPractice($input: OpenPracticeInput!) {\n    openPractice(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation OpenPractice($input: OpenPracticeInput!) {\n    openPractice(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PracticePage($id: ID!) {\n    practice(id: $id) {\n      id\n      type\n      title\n      status\n      dueDate\n      expiryDate\n      notes\n      statusChangedAt\n      createdAt\n      allowedTransitions\n      client {\n        id\n        fullName\n      }\n      assignee {\n        id\n        name\n      }\n      documents {\n        name\n        state\n        updatedAt\n        updatedBy {\n          id\n          name\n        }\n      }\n      history {\n        id\n        at\n        action\n        actorName\n        actor {\n          id\n          name\n        }\n        changes {\n          field\n          before\n          after\n        }\n      }\n      interactions {\n        id\n        channel\n        summary\n        occurredAt\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PracticePage($id: ID!) {\n    practice(id: $id) {\n      id\n      type\n      title\n      status\n      dueDate\n      expiryDate\n      notes\n      statusChangedAt\n      createdAt\n      allowedTransitions\n      client {\n        id\n        fullName\n      }\n      assignee {\n        id\n        name\n      }\n      documents {\n        name\n        state\n        updatedAt\n        updatedBy {\n          id\n          name\n        }\n      }\n      history {\n        id\n        at\n        action\n        actorName\n        actor {\n          id\n          name\n        }\n        changes {\n          field\n          before\n          after\n        }\n      }\n      interactions {\n        id\n        channel\n        summary\n        occurredAt\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PracticeChanges($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      practice {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PracticeChanges($clientId: ID!) {\n    clientEvents(clientId: $clientId) {\n      practice {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePracticeStatus($id: ID!, $status: PracticeStatus!) {\n    updatePracticeStatus(id: $id, status: $status) {\n      id\n      status\n      statusChangedAt\n      allowedTransitions\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePracticeStatus($id: ID!, $status: PracticeStatus!) {\n    updatePracticeStatus(id: $id, status: $status) {\n      id\n      status\n      statusChangedAt\n      allowedTransitions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      member {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      member {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;