import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { RecordReader, type EntityRecord } from '@nusa/subgraph';
import type { CrmContext } from '../context.js';
import { PracticeType } from '../practice/practice.enums.js';
import { ServiceEntity } from './service.entity.js';
import { Service } from './service.type.js';

@Resolver(() => Service)
export class ServiceResolver {
  @Authorized()
  @Query(() => [Service], { description: "The agency's services and list prices, by type then price." })
  serviceCatalog(
    @Arg('type', () => PracticeType, { nullable: true }) type: PracticeType | null,
    @Ctx() { em }: CrmContext,
  ): Promise<EntityRecord<ServiceEntity>[]> {
    // Records, not entities: the catalog is only read here.
    const reader = RecordReader.of(em, ServiceEntity);
    return reader.read(
      em,
      `select ${reader.select} from "${reader.table}" where "active"${type ? ' and "type" = ?' : ''} order by "type" asc, "price_idr" asc`,
      type ? [type] : [],
    );
  }
}
