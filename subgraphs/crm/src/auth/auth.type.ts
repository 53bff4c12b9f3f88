import { Field, ObjectType } from 'type-graphql';
import { TeamMember } from '../team-member/team-member.type.js';

@ObjectType({ description: 'A session: send `token` as `Authorization: Bearer <token>`.' })
export class AuthPayload {
  @Field(() => String)
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => TeamMember)
  member!: TeamMember;
}
