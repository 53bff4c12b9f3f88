import { Field, Float, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Citation } from '@nusa/subgraph';
import { MetadataEntryInput } from '../document/document.input.js';
import { SearchMode } from './search.service.js';

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

@InputType({ description: 'Narrows a search; every condition must hold.' })
export class KnowledgeFilter {
  @Field(() => [MetadataEntryInput], {
    nullable: true,
    description: 'Document metadata entries a hit must carry, all of them, values matched exactly. At most 10.',
  })
  metadata?: MetadataEntryInput[] | null;
}
