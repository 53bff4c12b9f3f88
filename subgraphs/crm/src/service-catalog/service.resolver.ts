import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
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
  ): Promise<ServiceEntity[]> {
    return em.find(ServiceEntity, { active: true, ...(type ? { type } : {}) }, { orderBy: { type: 'asc', priceIdr: 'asc' } });
  }
}
