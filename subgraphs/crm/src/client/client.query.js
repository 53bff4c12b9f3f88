"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clientPage = clientPage;
const shared_1 = require("@nusa/shared");
const client_entity_js_1 = require("./client.entity.js");
const CURSOR_KIND = 'Client';
function likePattern(text) {
    return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
function filtered(em, filter) {
    const qb = em.createQueryBuilder(client_entity_js_1.ClientEntity, 'c');
    const search = filter?.search?.trim();
    if (search) {
        qb.andWhere('(c.full_name ilike ? or c.email ilike ?)', [likePattern(search), likePattern(search)]);
    }
    if (filter?.status)
        qb.andWhere({ status: filter.status });
    if (filter?.nationality)
        qb.andWhere({ nationality: filter.nationality });
    if (filter?.practiceType) {
        qb.andWhere('exists (select 1 from practice p where p.client_id = c.id and p.type = ?)', [filter.practiceType]);
    }
    if (filter?.practiceStatus) {
        qb.andWhere('exists (select 1 from practice p where p.client_id = c.id and p.status = ?)', [filter.practiceStatus]);
    }
    return qb;
}
function cursorOf(client) {
    return (0, shared_1.encodeCursor)(CURSOR_KIND, [client.createdAt.toISOString(), client.id]);
}
/** A Relay page of clients, newest first, keyset-paginated on (createdAt, id). */
async function clientPage(em, first, after, filter) {
    const size = (0, shared_1.pageSize)(first, 20);
    const page = filtered(em, filter);
    if (after) {
        const [createdAt = '', id = ''] = (0, shared_1.decodeCursor)(CURSOR_KIND, after, 2);
        if (Number.isNaN(Date.parse(createdAt)) || !(0, shared_1.isUuid)(id))
            throw (0, shared_1.badUserInput)('after', 'is not a cursor of this list');
        page.andWhere('(c.created_at, c.id) < (?, ?)', [createdAt, id]);
    }
    const [rows, totalCount] = await Promise.all([
        page
            .orderBy({ createdAt: 'desc', id: 'desc' })
            .limit(size + 1)
            .getResultList(),
        filtered(em.fork(), filter).getCount(),
    ]);
    const nodes = rows.slice(0, size);
    const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
    return {
        edges,
        totalCount,
        pageInfo: {
            hasNextPage: rows.length > size,
            hasPreviousPage: Boolean(after),
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
        },
    };
}
//# sourceMappingURL=client.query.js.map