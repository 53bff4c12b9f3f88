/** The secrets every service started by a test shares (the gateway verifies what the CRM signs, subgraphs what the gateway signs). */
export const TEST_SECRETS = {
  jwtSecret: 'test-jwt-secret-test-jwt-secret-test-jwt',
  internalSecret: 'test-internal-secret-test-internal-secret',
};

/** The Redis tests use; they write only keys named after fresh random ids. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
