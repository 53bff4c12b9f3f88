import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, type Logger } from '@nusa/platform';
import { hashPassword } from '../auth/password.js';
import { ClientEntity } from '../client/client.entity.js';
import type { ClientStatus } from '../client/client-status.js';
import { InteractionEntity } from '../interaction/interaction.entity.js';
import type { InteractionChannel } from '../interaction/interaction-channel.js';
import { PracticeEntity } from '../practice/practice.entity.js';
import type { PracticeStatus, PracticeType } from '../practice/practice.enums.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { demoData } from './demo-data.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

function dayFrom(now: Date, days: number | null): string | null {
  return days === null ? null : daysFrom(now, days).toISOString().slice(0, 10);
}

function insertDemoData(em: EntityManager, now: Date, passwordHash: string): number {
  const data = demoData();
  const members = new Map(
    data.members.map((m) => [m.key, em.create(TeamMemberEntity, { name: m.name, email: m.email, role: m.role, passwordHash })]),
  );
  const clients = new Map(
    data.clients.map((c) => {
      const createdAt = daysFrom(now, -c.createdDaysAgo);
      const client = em.create(ClientEntity, {
        fullName: c.fullName,
        email: c.email,
        phone: c.phone,
        nationality: c.nationality,
        status: c.status as ClientStatus,
        notes: c.notes,
        createdAt,
        updatedAt: createdAt,
      });
      return [c.key, client];
    }),
  );
  const practices = new Map(
    data.practices.map((p) => {
      const openedAt = daysFrom(now, -p.openedDaysAgo);
      const assignee = p.assigneeKey ? members.get(p.assigneeKey) : undefined;
      const practice = em.create(PracticeEntity, {
        client: clients.get(p.clientKey) as ClientEntity,
        type: p.type as PracticeType,
        status: p.status as PracticeStatus,
        title: p.title,
        assignee: assignee ?? null,
        dueDate: dayFrom(now, p.dueInDays),
        expiryDate: dayFrom(now, p.expiresInDays),
        notes: p.notes,
        statusChangedAt: openedAt,
        createdAt: openedAt,
        updatedAt: openedAt,
      });
      return [p.key, practice];
    }),
  );
  for (const i of data.interactions) {
    const occurredAt = daysFrom(now, -i.daysAgo);
    em.create(InteractionEntity, {
      client: clients.get(i.clientKey) as ClientEntity,
      practice: i.practiceKey ? (practices.get(i.practiceKey) ?? null) : null,
      author: members.get(i.authorKey) ?? null,
      channel: i.channel as InteractionChannel,
      summary: i.summary,
      occurredAt,
      createdAt: occurredAt,
    });
  }
  return clients.size;
}

/**
 * First start only (no team member exists yet): creates the first admin and, when asked, the demo
 * team, clients, practices and interactions, all in one transaction.
 */
export async function seedEmptyDatabase(
  em: EntityManager,
  options: { admin: { email: string; password: string } | null; demoData: boolean },
  logger: Logger,
): Promise<void> {
  await em.transactional(async (tx) => {
    // Serialises concurrent first starts of several instances.
    await tx.execute('lock table "team_member" in exclusive mode');
    if ((await tx.count(TeamMemberEntity)) > 0) return;
    if (options.admin) {
      tx.create(TeamMemberEntity, {
        name: 'Administrator',
        email: options.admin.email,
        role: Role.ADMIN,
        passwordHash: await hashPassword(options.admin.password),
      });
      logger.info({ email: options.admin.email }, 'created the first admin');
    }
    if (options.demoData) {
      // Demo team members cannot sign in: their password is random and thrown away.
      const clients = insertDemoData(tx, new Date(), await hashPassword(randomBytes(24).toString('hex')));
      logger.info({ clients }, 'loaded demo data');
    }
  });
}
