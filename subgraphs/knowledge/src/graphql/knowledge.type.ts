import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { Citation } from '@nusa/subgraph';
import { SearchMode } from '../search/search.js';

registerEnumType(SearchMode, {
  name: 'SearchMode',
  description: 'HYBRID (default) fuses vector and keyword rankings and reranks; VECTOR and KEYWORD are each side alone.',
});

@ObjectType()
export class KnowledgeHit {
  @Field(() => Float)
  score!: number;

  @Field(() => String)
  text!: string;

  @Field(() => Citation)
  citation!: Citation;
}

@ObjectType({ description: 'A collection of the knowledge base, such as visa_oracle or kbli_eye.' })
export class KnowledgeCollection {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Int)
  documentCount!: number;

  @Field(() => Int)
  chunkCount!: number;

  @Field(() => String, { description: 'The embedder its vectors were made with.' })
  embedder!: string;
}

@ObjectType()
export class MetadataEntry {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType({ description: 'A passage of a document, as indexed.' })
export class KnowledgeChunk {
  @Field(() => Int)
  chunkIndex!: number;

  @Field(() => String)
  text!: string;

  @Field(() => [String])
  headingPath!: string[];
}

@ObjectType({ description: 'A document of the knowledge base.' })
@Directive('@key(fields: "id")')
export class KnowledgeDocument {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  source!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@InputType()
export class MetadataEntryInput {
  @Field(() => String)
  @Length(1, 64)
  @Matches(/^[\w.-]+$/, { message: 'must be letters, digits, dot, dash or underscore' })
  key!: string;

  @Field(() => String)
  @MaxLength(500)
  value!: string;
}

@InputType({ description: 'Narrows a search; every condition must hold.' })
export class KnowledgeFilter {
  @Field(() => [MetadataEntryInput], {
    nullable: true,
    description: 'Document metadata entries a hit must carry, all of them, values matched exactly. At most 10.',
  })
  metadata?: MetadataEntryInput[] | null;
}

@InputType()
export class IngestDocumentInput {
  @Field(() => String)
  collection!: string;

  @Field(() => String)
  @Length(1, 300, { message: 'must be 1 to 300 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  title!: string;

  @Field(() => String, { description: 'Markdown or plain text, at most 2 MiB.' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'Where it comes from; re-ingesting the same source replaces the document.' })
  @IsOptional()
  @MaxLength(1000)
  @IsUrl({ require_protocol: true }, { message: 'must be a URL with its protocol' })
  source?: string | null;

  @Field(() => [MetadataEntryInput], { nullable: true })
  metadata?: MetadataEntryInput[] | null;
}
