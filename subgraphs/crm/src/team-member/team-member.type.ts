import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '@nusa/platform';

registerEnumType(Role, { name: 'Role', description: 'What a caller may do: ADMIN and AGENT are the team, PARTNER an API key.' });

@ObjectType({ description: 'A member of the team who works on clients and practices.' })
@Directive('@key(fields: "id")')
export class TeamMember {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: 'A new team member and the password they sign in with first; shown only here.' })
export class InviteTeamMemberPayload {
  @Field(() => TeamMember)
  member!: TeamMember;

  @Field(() => String, { description: 'Give it to the member over a private channel; it is never shown again.' })
  temporaryPassword!: string;
}
