import { Field, InputType } from 'type-graphql';
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
}
