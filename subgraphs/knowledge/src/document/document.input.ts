import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, IsUrl, Length, Matches, MaxLength } from 'class-validator';

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

  @Field(() => Date, { nullable: true, description: 'When its content was last checked against the rules it describes. Default: now.' })
  checkedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The last day it holds, as YYYY-MM-DD; after it, the document needs review.' })
  validUntil?: string | null;
}

@InputType()
export class MarkDocumentCheckedInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The last day it holds from now on, as YYYY-MM-DD; none: no end date (it needs review again after the review period).',
  })
  validUntil?: string | null;
}
