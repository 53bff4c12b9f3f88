/** Hashes a password as `scrypt$N$r$p$salt$key` so the parameters can be raised later. */
export declare function hashPassword(password: string): Promise<string>;
/** Checks `password` against a stored hash in constant time. */
export declare function verifyPassword(password: string, stored: string): Promise<boolean>;
/** A hash of nothing anyone knows, verified when the email is unknown so timing does not tell. */
export declare const decoyHash: Promise<string>;
//# sourceMappingURL=password.d.ts.map