"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.decoyHash = void 0;
exports.hashPassword = hashPassword;
exports.verifyPassword = verifyPassword;
const node_crypto_1 = require("node:crypto");
/** scrypt is memory-hard: N=2^15, r=8 costs 32 MiB per guess. */
const COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;
function derive(password, salt, options) {
    return new Promise((resolve, reject) => {
        (0, node_crypto_1.scrypt)(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
    });
}
/** Hashes a password as `scrypt$N$r$p$salt$key` so the parameters can be raised later. */
async function hashPassword(password) {
    const salt = (0, node_crypto_1.randomBytes)(16);
    const key = await derive(password, salt, COST);
    return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}
/** Checks `password` against a stored hash in constant time. */
async function verifyPassword(password, stored) {
    const [scheme, n, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key)
        return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem });
    return actual.length === expected.length && (0, node_crypto_1.timingSafeEqual)(actual, expected);
}
/** A hash of nothing anyone knows, verified when the email is unknown so timing does not tell. */
exports.decoyHash = hashPassword((0, node_crypto_1.randomBytes)(16).toString('hex'));
//# sourceMappingURL=password.js.map