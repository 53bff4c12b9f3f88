import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

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

  @Field(() => String)
  collection!: string;

  @Field(() => Date, {
    description:
      'When a person last checked it against the rules it describes (its ingest, unless its front matter or markDocumentChecked says otherwise).',
  })
  lastCheckedAt!: Date;

  @Field(() => String, { nullable: true, description: 'The last day it holds, as YYYY-MM-DD, when one is known.' })
  validUntil!: string | null;
}
