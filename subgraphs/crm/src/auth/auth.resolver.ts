import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { badUserInput, forbidden, requireCaller, signSessionToken, unauthenticated } from '@nusa/platform';
import type { CrmContext } from '../context.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { AuthPayload } from './auth.type.js';
import { decoyHash, verifyPassword } from './password.js';

const WRONG_CREDENTIALS = 'Email or password is incorrect';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Signs a team member in. The answer never tells whether the email exists.' })
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() { em, session }: CrmContext,
  ): Promise<AuthPayload> {
    const member = await em.findOne(TeamMemberEntity, { email: email.trim().toLowerCase(), active: true });
    const valid = await verifyPassword(password, member?.passwordHash ?? (await decoyHash));
    if (!member || !valid) throw unauthenticated(WRONG_CREDENTIALS);
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + session.ttlSeconds;
    const jti = randomUUID();
    // Recorded while the member row is share-locked: a deactivation either sees this session (and
    // revokes it) or has already committed, and then nothing is inserted and the sign-in fails.
    const recorded = await em.getConnection().execute<{ jti: string }[]>(
      `insert into member_session (jti, member_id, expires_at, issued_at)
         select ?, id, ?, ? from team_member where id = ? and active for share
       returning jti`,
      [jti, new Date(expiresAt * 1000), new Date(issuedAt * 1000), member.id],
    );
    if (recorded.length === 0) throw unauthenticated(WRONG_CREDENTIALS);
    await em.getConnection().execute('delete from member_session where member_id = ? and expires_at < now()', [member.id]);
    const token = signSessionToken(
      { sub: member.id, role: member.role, name: member.name, email: member.email, jti, iat: issuedAt, exp: expiresAt },
      session.jwtSecret,
    );
    return { token, expiresAt: new Date(expiresAt * 1000), member };
  }

  @Mutation(() => Boolean, {
    description: 'Signs out: the session token this request was sent with is refused from now on. Always true.',
  })
  async logout(@Ctx() context: CrmContext): Promise<boolean> {
    const caller = requireCaller(context);
    if (caller.kind !== 'member') throw forbidden('Only a signed-in team member has a session to end; revoke an API key with revokeApiKey');
    if (!caller.session) throw badUserInput('authorization', 'this request carries no session token to end');
    await context.revocations.revokeSession(context.em, caller.session, caller.id);
    return true;
  }
}
